package org.ucv.web.ws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;
import org.ucv.web.ws.internal.ClientMessage.Invalid;
import org.ucv.web.ws.internal.ClientMessage.Ping;
import org.ucv.web.ws.internal.ClientMessage.StartStream;
import org.ucv.web.ws.internal.ClientMessage.StopStream;
import org.ucv.web.ws.internal.ClientMessage.UpdateFps;
import org.ucv.web.ws.internal.ClientMessage.UpdateQuality;
import org.ucv.web.ws.internal.ServerMessages.FrameInfo;

/**
 * The protocol state of one socket: idle or streaming one camera. Client messages arrive one at a
 * time ({@link #onText}); frames and events arrive from the stream service's threads.
 *
 * <p>Every send happens under {@code lock}, and sends are written in call order, so once
 * {@code stream_stopped} is queued no frame of that stream can be queued after it: a frame checks
 * that its generation is still the current one under the same lock.
 */
public final class ViewerConnection implements StreamViewer {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerConnection.class);
    private static final Runnable NOTHING = () -> { };
    /** open() returns at once, so only a handful can arrive meanwhile; the newest matter most. */
    private static final int MAX_EVENTS_WHILE_STARTING = 16;

    private final String cameraId;
    private final String clientId = "client_" + UUID.randomUUID();
    private final StreamService streams;
    private final Outbound out;
    private final ServerMessages messages;
    private final ClientMessageParser parser;

    private final Object lock = new Object();
    /** The running stream, or null while idle. Written under lock. */
    private volatile Sending sending;
    private long generation;
    private long framesSent;
    private boolean closed;
    /** True while {@link StreamService#open} runs: its events wait until stream_started is sent. */
    private boolean starting;
    private final List<StreamEvent> eventsWhileStarting = new ArrayList<>();

    /** Kept between streams, so update_* while idle applies to the next start; reader thread only. */
    private Quality keptQuality = ViewerRequest.DEFAULT.quality();
    private int keptFps = ViewerRequest.DEFAULT.fps();

    /**
     * @param cameraId the camera the socket was opened for (maybe unknown)
     * @param streams the stream service
     * @param out the socket's sending side
     * @param messages the message builder of this socket
     * @param parser the client message parser
     */
    public ViewerConnection(String cameraId, StreamService streams, Outbound out, ServerMessages messages,
                            ClientMessageParser parser) {
        this.cameraId = cameraId;
        this.streams = streams;
        this.out = out;
        this.messages = messages;
        this.parser = parser;
    }

    public String clientId() {
        return clientId;
    }

    /** Greets the client and, for an unknown camera, says so at once; the socket stays open. */
    public void open() {
        send(messages.connection(clientId));
        try {
            streams.state(cameraId);
        } catch (StreamException e) {
            send(messages.error(e.code(), e.getMessage(), false));
        } catch (RuntimeException e) {
            LOG.warn("Camera {}: reading its state for viewer {} failed", cameraId, clientId, e);
            send(messages.error(ErrorCode.INTERNAL, "camera " + cameraId + ": the server cannot read its state: "
                    + e.getMessage(), false));
        }
    }

    /**
     * Acts on one text message from the client. A fault of the stream service is answered with
     * error {@code internal} instead of escaping, which would make Jetty close the socket.
     *
     * @param text the message
     */
    public void onText(String text) {
        ClientMessage m = parser.parse(text);
        try {
            dispatch(m);
        } catch (RuntimeException e) {
            LOG.warn("Camera {}: {} of viewer {} failed", cameraId, m.getClass().getSimpleName(), clientId, e);
            send(messages.error(ErrorCode.INTERNAL, "camera " + cameraId + ": the server failed to handle "
                    + m.getClass().getSimpleName() + ": " + e.getMessage(), false));
        }
    }

    private void dispatch(ClientMessage m) {
        if (m instanceof StartStream s) {
            start(s);
        } else if (m instanceof StopStream) {
            stop();
        } else if (m instanceof UpdateQuality u) {
            updateQuality(u.quality());
        } else if (m instanceof UpdateFps u) {
            updateFps(u.fps());
        } else if (m instanceof Ping p) {
            send(messages.pong(p.clientTime()));
        } else if (m instanceof Invalid i) {
            send(i.code() == ErrorCode.INVALID_PARAMS ? messages.invalidParams(i.message(), i.field())
                    : messages.error(i.code(), i.message(), false));
        }
    }

    /** A binary message from the client: not part of the protocol, answered on the open socket. */
    public void onBinary() {
        send(messages.error(ErrorCode.INVALID_JSON, "binary messages are not accepted; send JSON text", false));
    }

    /** The socket closed: releases the camera. No message is sent after this. */
    public void close() {
        ViewerSession ended;
        synchronized (lock) {
            closed = true;
            ended = endStream();
            eventsWhileStarting.clear();
        }
        if (ended != null) {
            ended.close();
        }
    }

    /**
     * Ends the socket's life from the server's side: releases the camera and sends one fatal
     * error as the last message (no frame or event follows it). Once that error is written (or
     * failed), {@code sent} runs, to close the socket. Nothing happens when already closed.
     *
     * @param code the error code
     * @param text the error's human text
     * @param sent run once the error was written or failed; not run when already closed
     */
    public void terminate(ErrorCode code, String text, Runnable sent) {
        ViewerSession ended;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ended = endStream();
            eventsWhileStarting.clear();
        }
        // Released before the viewer is told: the send's completion closes the socket, and the
        // viewer must not see its socket end while it still holds a place in the camera session.
        // Outside the lock, as closing takes the stream service's locks.
        if (ended != null) {
            ended.close();
        }
        synchronized (lock) {
            try {
                out.sendText(messages.error(code, text, true), sent);
            } catch (RuntimeException e) {
                LOG.debug("Camera {}: the last error to viewer {} could not be sent: {}", cameraId, clientId,
                        e.toString());
                sent.run();
            }
        }
    }

    @Override
    public void deliver(VideoFrame frame, Runnable done) {
        Sending s = sending;
        if (s == null) {
            done.run();
            return;
        }
        // Read outside the lock: they belong to the stream service and may take its locks.
        int targetFps = s.session.request().fps();
        ViewerMetrics metrics = s.session.metrics();
        boolean queued = false;
        synchronized (lock) {
            Sending now = sending;
            if (!closed && now != null && now.generation == s.generation) {
                queued = queueFrame(frame, new FrameInfo(framesSent + 1, targetFps, metrics), now.transport, done);
                if (queued) {
                    framesSent++;
                }
            }
        }
        if (!queued) {
            done.run();
        }
    }

    @Override
    public void event(StreamEvent event) {
        ViewerSession ended = null;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (starting) {
                if (eventsWhileStarting.size() == MAX_EVENTS_WHILE_STARTING) {
                    eventsWhileStarting.remove(0);
                }
                eventsWhileStarting.add(event);
                return;
            }
            if (sending != null) {
                ended = apply(event);
            }
        }
        if (ended != null) {
            ended.close();
        }
    }

    private void start(StartStream p) {
        Sending s = sending;
        if (s == null) {
            startNew(new ViewerRequest(p.quality() != null ? p.quality() : keptQuality,
                    p.fps() != null ? p.fps() : keptFps,
                    p.format() != null ? p.format() : ViewerRequest.DEFAULT.format(),
                    p.maxWidth() != null ? p.maxWidth() : 0), p.transport() != null ? p.transport() : Transport.JSON);
        } else {
            restart(s, p);
        }
    }

    /** Opens a stream and answers stream_started, or an error. */
    private void startNew(ViewerRequest request, Transport transport) {
        synchronized (lock) {
            starting = true;
        }
        ViewerSession session;
        try {
            session = streams.open(cameraId, request, this);
        } catch (StreamException e) {
            abortStart();
            send(messages.error(e.code(), e.getMessage(), false));
            return;
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
        keptQuality = request.quality();
        keptFps = request.fps();
        ViewerSession ended = null;
        synchronized (lock) {
            starting = false;
            if (closed) {
                ended = session;
            } else {
                framesSent = 0;
                sending = new Sending(session, ++generation, transport);
                send(messages.streamStatus("stream_started", "streaming camera " + cameraId, session.request(),
                        transport));
                for (StreamEvent e : eventsWhileStarting) {
                    if (sending != null) {
                        ended = apply(e);
                    }
                }
                eventsWhileStarting.clear();
            }
        }
        if (ended != null) {
            ended.close();
        }
    }

    private void abortStart() {
        synchronized (lock) {
            starting = false;
            eventsWhileStarting.clear();
        }
    }

    private void restart(Sending s, StartStream p) {
        ViewerRequest current = s.session.request();
        ViewerRequest next = new ViewerRequest(p.quality() != null ? p.quality() : current.quality(),
                p.fps() != null ? p.fps() : current.fps(), p.format() != null ? p.format() : current.format(),
                p.maxWidth() != null ? p.maxWidth() : current.maxWidth());
        try {
            s.session.update(next);
        } catch (StreamException e) {
            send(messages.error(e.code(), e.getMessage(), false));
            return;
        }
        keptQuality = next.quality();
        keptFps = next.fps();
        Transport transport = p.transport() != null ? p.transport() : s.transport;
        synchronized (lock) {
            if (closed) {
                return;
            }
            Sending now = sending;
            // Only this (the reader) thread starts streams, so a running one is still s's.
            if (now != null) {
                sending = new Sending(now.session, now.generation, transport);
                send(messages.streamStatus("already_streaming", "camera " + cameraId
                        + " is already streaming; the new parameters apply", now.session.request(), transport));
                return;
            }
        }
        // A fatal event ended the stream during the update, and its error has been sent: this
        // start_stream now finds the socket idle, and it still owes the client an answer.
        startNew(next, transport);
    }

    private void stop() {
        ViewerSession ended;
        synchronized (lock) {
            ended = endStream();
            send(ended == null ? messages.status("not_streaming", "camera " + cameraId + " is not streaming")
                    : messages.status("stream_stopped", "stopped streaming camera " + cameraId));
        }
        if (ended != null) {
            ended.close();
        }
    }

    private void updateQuality(Quality quality) {
        Sending s = sending;
        if (s != null) {
            try {
                s.session.update(s.session.request().withQuality(quality));
            } catch (StreamException e) {
                send(messages.error(e.code(), e.getMessage(), false));
                return;
            }
        }
        keptQuality = quality;
        send(messages.qualityUpdated("quality set to " + quality.wire() + (s == null ? " for the next start_stream" : ""),
                quality.wire()));
    }

    private void updateFps(int fps) {
        Sending s = sending;
        if (s != null) {
            try {
                s.session.update(s.session.request().withFps(fps));
            } catch (StreamException e) {
                send(messages.error(e.code(), e.getMessage(), false));
                return;
            }
        }
        keptFps = fps;
        send(messages.fpsUpdated("fps set to " + fps + (s == null ? " for the next start_stream" : ""), fps));
    }

    /** Sends the message for an event; returns the session to close when the event ended it. Under lock. */
    private ViewerSession apply(StreamEvent e) {
        switch (e.kind()) {
            case RECONNECTING -> send(messages.reconnecting("reconnecting to camera " + cameraId + ", attempt "
                    + e.attempt() + " in " + e.retryInMs() + " ms", e.attempt(), e.retryInMs(), e.message()));
            case RESUMED -> send(messages.status("resumed", e.message()));
            case PROTOCOL_MISSING -> send(messages.status("protocol_missing", e.message()));
            case ERROR -> {
                ErrorCode code = e.code() != null ? e.code() : ErrorCode.INTERNAL;
                send(messages.error(code, e.message(), e.fatal()));
                if (e.fatal()) {
                    return endStream();
                }
            }
        }
        return null;
    }

    /** Goes idle; returns the session that was running, to be closed outside the lock. Under lock. */
    private ViewerSession endStream() {
        Sending s = sending;
        sending = null;
        generation++;
        return s == null ? null : s.session;
    }

    private boolean queueFrame(VideoFrame frame, FrameInfo info, Transport transport, Runnable done) {
        try {
            if (transport == Transport.BINARY) {
                out.sendBinary(messages.frameBinary(frame, info), done);
            } else {
                out.sendText(messages.frameJson(frame, info), done);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Camera {}: cannot send frame {} to {}: {}", cameraId, info.frameNumber(), clientId, e.toString());
            return false;
        }
    }

    private void send(String text) {
        synchronized (lock) {
            if (!closed) {
                out.sendText(text, NOTHING);
            }
        }
    }

    /** A running stream: its session, its generation and how its frames travel. */
    private record Sending(ViewerSession session, long generation, Transport transport) {
    }
}
