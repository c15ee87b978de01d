package org.ucv.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;

/** Records what it gets, in order; a fast one finishes each frame at once, a stuck one never does. */
final class RecordingViewer implements StreamViewer {
    final boolean finishes;
    /** Frames and events, in the order they arrived. */
    final List<Object> calls = new CopyOnWriteArrayList<>();
    final List<Runnable> pendingDone = new CopyOnWriteArrayList<>();

    RecordingViewer(boolean finishes) {
        this.finishes = finishes;
    }

    static RecordingViewer fast() {
        return new RecordingViewer(true);
    }

    static RecordingViewer stuck() {
        return new RecordingViewer(false);
    }

    @Override
    public void deliver(VideoFrame frame, Runnable done) {
        calls.add(frame);
        if (finishes) {
            done.run();
        } else {
            pendingDone.add(done);
        }
    }

    @Override
    public void event(StreamEvent event) {
        calls.add(event);
    }

    List<VideoFrame> frames() {
        return calls.stream().filter(VideoFrame.class::isInstance).map(VideoFrame.class::cast).toList();
    }

    /** @return the newest frame, or null */
    VideoFrame lastFrame() {
        List<VideoFrame> f = frames();
        return f.isEmpty() ? null : f.get(f.size() - 1);
    }

    Stream<StreamEvent> events() {
        return calls.stream().filter(StreamEvent.class::isInstance).map(StreamEvent.class::cast);
    }

    List<StreamEvent> events(StreamEvent.Kind kind) {
        return events().filter(e -> e.kind() == kind).toList();
    }

    /** @return frames received after the last event of that kind */
    long framesAfter(StreamEvent.Kind kind) {
        int at = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) instanceof StreamEvent e && e.kind() == kind) {
                at = i;
            }
        }
        if (at < 0) {
            return 0;
        }
        return calls.subList(at + 1, calls.size()).stream().filter(VideoFrame.class::isInstance).count();
    }
}
