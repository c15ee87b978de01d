package org.ucv.core.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.Picture;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.Quality;

/** A converter double: pictures carry their packet's pts; an image is the pts and the quality. */
final class TestConverter implements FrameConverter {
    /** A payload starting with this byte fails to decode. */
    static final byte CORRUPT = (byte) 0xEE;
    static final int WIDTH = 320;
    static final int HEIGHT = 180;

    record TestPicture(long pts, int width, int height) implements Picture {
    }

    final AtomicInteger decodersOpened = new AtomicInteger();
    final AtomicInteger decodersClosed = new AtomicInteger();
    final List<Long> decodedPts = new CopyOnWriteArrayList<>();
    final List<TestEncoder> encoders = new CopyOnWriteArrayList<>();
    /** While set, decoding waits for it (a slow decoder). */
    volatile CountDownLatch hold;

    @Override
    public Set<String> formats() {
        return Set.of("jpeg");
    }

    @Override
    public VideoDecoder openDecoder(String cameraId, Codec codec) throws ConversionException {
        if (codec == Codec.H265) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_CODEC, "no H.265 here");
        }
        decodersOpened.incrementAndGet();
        return new VideoDecoder() {
            private boolean closed;

            @Override
            public Picture decode(MediaPacket packet) throws ConversionException {
                if (closed) {
                    throw new IllegalStateException("decoder used after close");
                }
                CountDownLatch h = hold;
                if (h != null) {
                    try {
                        h.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (packet.payload().length > 0 && packet.payload()[0] == CORRUPT) {
                    throw new ConversionException(ErrorCode.INTERNAL, "corrupt packet at pts " + packet.ptsMicros());
                }
                decodedPts.add(packet.ptsMicros());
                return new TestPicture(packet.ptsMicros(), WIDTH, HEIGHT);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    decodersClosed.incrementAndGet();
                }
            }
        };
    }

    @Override
    public ImageEncoder openEncoder(String format, Quality quality, int maxWidth) throws ConversionException {
        if (!formats().contains(format)) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_FORMAT, "only jpeg");
        }
        TestEncoder encoder = new TestEncoder(quality, maxWidth);
        encoders.add(encoder);
        return encoder;
    }

    int encodersOpen() {
        return (int) encoders.stream().filter(e -> !e.closed).count();
    }

    static final class TestEncoder implements ImageEncoder {
        final Quality quality;
        final int maxWidth;
        final List<Long> encodedPts = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        TestEncoder(Quality quality, int maxWidth) {
            this.quality = quality;
            this.maxWidth = maxWidth;
        }

        @Override
        public EncodedImage encode(Picture picture) {
            if (closed) {
                throw new IllegalStateException("encoder used after close");
            }
            TestPicture p = (TestPicture) picture;
            encodedPts.add(p.pts());
            byte[] data = ByteBuffer.allocate(9).putLong(p.pts()).put((byte) quality.ordinal()).array();
            int width = maxWidth == 0 ? p.width() : Math.min(maxWidth, p.width());
            return new EncodedImage(data, width, p.height() * width / p.width());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
