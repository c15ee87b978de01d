package org.ucv.protocol.onvif.internal;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.PtzCapable.Preset;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.net.HttpAuthenticator;
import org.ucv.protocol.onvif.internal.OnvifParsers.DeviceInfo;
import org.ucv.protocol.onvif.internal.OnvifParsers.MediaProfile;

/**
 * Everything the ONVIF factory does, without OSGi: streams (resolved here, played by the RTSP
 * plugin found through the SPI), snapshots, connection tests and PTZ. Devices are cached for a
 * short while ({@code session_cache_seconds}) so that PTZ commands and reconnects do not repeat the
 * clock, services and profiles requests; a request that fails on a cached device is retried once on
 * a fresh one (the device may have rebooted, changed its clock or its profiles).
 */
public final class OnvifService {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifService.class);
    private static final int MAX_CACHED_DEVICES = 128;

    /** A device operation. */
    @FunctionalInterface
    interface DeviceOp<T> {
        T run(OnvifDevice device) throws SourceException;
    }

    private record Key(String id, URI device, String username, String password, OnvifSettings settings) {
        @Override
        public String toString() {
            return "Key[" + id + ", " + device + "]"; // never the password
        }
    }

    private record Cached(OnvifDevice device, long bornNanos) {
    }

    private final OnvifSource.RtspFactories rtsp;
    private final Set<OnvifSource> sources = ConcurrentHashMap.newKeySet();
    private final Map<Key, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_CACHED_DEVICES;
        }
    };
    private volatile OnvifSettings defaults = OnvifSettings.defaults();

    /** @param rtsp the RTSP factory serving now (null when none) */
    public OnvifService(OnvifSource.RtspFactories rtsp) {
        this.rtsp = rtsp;
    }

    /** @param settings the new defaults (cached devices are dropped) */
    public void defaults(OnvifSettings settings) {
        this.defaults = settings;
        synchronized (cache) {
            cache.clear();
        }
    }

    /** @return the defaults in force */
    public OnvifSettings defaults() {
        return defaults;
    }

    // ----- streams -----

    /** Opens a stream; returns at once (the source's thread resolves and opens RTSP). */
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        Duration resolveTimeout;
        try {
            resolveTimeout = defaults.forCamera(camera).resolveTimeout();
        } catch (IllegalArgumentException e) {
            resolveTimeout = defaults.resolveTimeout(); // the thread reports the bad option
        }
        OnvifSource source = new OnvifSource(camera, sink, this::resolve, rtsp, resolveTimeout, sources::remove);
        sources.add(source);
        source.start();
        return source;
    }

    /**
     * Finds the stream URI and builds the RTSP camera: the same id and name, the device's URI, the
     * ONVIF credentials (the RTSP plugin puts them in the URL's user info, percent-encoded), the
     * camera's transport and options.
     */
    CameraConfig resolve(CameraConfig camera, Budget budget) throws SourceException {
        OnvifSettings s = settings(camera);
        OnvifTarget t = target(camera);
        String transport = camera.transport().map(v -> v.toLowerCase(Locale.ROOT)).orElse("tcp");
        Resolved r = withDevice(camera, s, t, budget, d -> {
            MediaProfile p = d.profile(s.profile(), budget);
            return new Resolved(p, d.streamUri(p, transport, budget), d.usesMedia2(budget));
        });
        LOG.info("Camera '{}': ONVIF {} profile {} streams from {}", camera.id(), r.media2() ? "Media2" : "Media",
                r.profile().describe(), CameraConfig.maskUserInfo(r.uri().toString()));
        return rtspCamera(camera, t, r.uri());
    }

    private record Resolved(MediaProfile profile, URI uri, boolean media2) {
    }

    static CameraConfig rtspCamera(CameraConfig camera, OnvifTarget target, URI uri) {
        CameraConfig.Builder b = CameraConfig.builder(camera.id()).name(camera.name())
                .protocol(uri.getScheme().toLowerCase(Locale.ROOT)).url(uri.toString())
                .username(target.username()).password(target.password())
                .transport(camera.transport().orElse(null)).enabled(camera.enabled());
        // The RTSP plugin reads its own options (read_timeout_ms, ...) and ignores ours.
        camera.options().forEach(b::option);
        return b.build();
    }

    /** Tells the sources streaming through a factory that it went away. */
    public void rtspGone(StreamSourceFactory factory) {
        for (OnvifSource s : List.copyOf(sources)) {
            s.factoryGone(factory);
        }
    }

    /** Closes every open source (bundle stop). */
    public void closeAll() {
        for (OnvifSource s : List.copyOf(sources)) {
            s.close();
        }
        synchronized (cache) {
            cache.clear();
        }
    }

    /** @return how many sources are open (tests) */
    int openSources() {
        return sources.size();
    }

    // ----- snapshot -----

    /**
     * GetSnapshotUri, then the JPEG from it with Basic/Digest (org.ucv.net). A device without a
     * snapshot URI gets one picture from its RTSP stream through the RTSP plugin's SnapshotCapable.
     */
    public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
        OnvifSettings s = settings(camera);
        OnvifTarget t = target(camera);
        Budget budget = Budget.of(timeout);
        try {
            return withDevice(camera, s, t, budget, d -> {
                MediaProfile p = d.profile(s.profile(), budget);
                URI uri;
                try {
                    uri = d.snapshotUri(p, budget);
                } catch (SourceException e) {
                    if (e.code() == ErrorCode.AUTH_FAILED || e.code() == ErrorCode.TIMEOUT) {
                        throw e;
                    }
                    return viaRtsp(camera, d, p, t, budget, e);
                }
                return fetchJpeg(camera, d.client(), uri, s, budget);
            });
        } catch (SourceException e) {
            throw redacted(camera, e);
        }
    }

    private byte[] viaRtsp(CameraConfig camera, OnvifDevice d, MediaProfile p, OnvifTarget t, Budget budget,
                           SourceException why) throws SourceException {
        StreamSourceFactory f = rtsp.current();
        if (!(f instanceof SnapshotCapable snap)) {
            throw why;
        }
        LOG.info("Camera '{}': no ONVIF snapshot URI ({}); taking a picture from the RTSP stream", camera.id(),
                camera.redact(why.getMessage()));
        String transport = camera.transport().map(v -> v.toLowerCase(Locale.ROOT)).orElse("tcp");
        URI stream = d.streamUri(p, transport, budget);
        return snap.snapshot(rtspCamera(camera, t, stream), budget.remaining());
    }

    static byte[] fetchJpeg(CameraConfig camera, SoapClient client, URI uri, OnvifSettings s, Budget budget)
            throws SourceException {
        String where = "camera '" + camera.id() + "': snapshot " + CameraConfig.maskUserInfo(uri.toString());
        HttpAuthenticator auth = client.newHttpAuthenticator();
        String target = HttpLite.target(uri);
        Budget b = budget.cap(s.requestTimeout());
        for (int attempt = 0;; attempt++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", "UCV");
            headers.put("Accept", "image/jpeg");
            Optional<String> authorization = auth.authorization("GET", target);
            authorization.ifPresent(a -> headers.put("Authorization", a));
            HttpLite.Response r = SoapClient.exchange(uri, "GET", headers, null, s.snapshotLimits(), b, where);
            if (r.status() == 401) {
                HttpAuthenticator.Outcome o = auth.onUnauthorized(r.headers("WWW-Authenticate"));
                if (o == HttpAuthenticator.Outcome.RETRY && attempt < 3) {
                    continue;
                }
                throw new SourceException(ErrorCode.AUTH_FAILED, where + ": refused (HTTP 401"
                        + (o == HttpAuthenticator.Outcome.NO_CREDENTIALS ? ", and the camera has no username" : "") + ")");
            }
            if (r.status() == 403) {
                throw new SourceException(ErrorCode.AUTH_FAILED, where + ": refused (HTTP 403)");
            }
            if (r.status() == 404) {
                throw new SourceException(ErrorCode.STREAM_NOT_FOUND, where + ": HTTP 404");
            }
            if (r.status() / 100 != 2) {
                throw new SourceException(r.status() >= 500 ? ErrorCode.CAMERA_UNREACHABLE : ErrorCode.NOT_A_STREAM,
                        where + ": HTTP " + r.status() + " " + r.reason());
            }
            byte[] body = r.body();
            if (body.length < 4 || (body[0] & 0xFF) != 0xFF || (body[1] & 0xFF) != 0xD8) {
                throw new SourceException(ErrorCode.NOT_A_STREAM, where + ": the answer is not a JPEG"
                        + r.header("Content-Type").map(c -> " (Content-Type " + c + ")").orElse(""));
            }
            return body;
        }
    }

    // ----- connection test -----

    /**
     * Reaches the device, measures its clock, checks the credentials (GetDeviceInformation), lists
     * the profiles and resolves the chosen one's stream URI. Always a fresh connection.
     */
    public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
        long start = System.nanoTime();
        OnvifSettings s = settings(camera);
        OnvifTarget t = target(camera);
        Budget budget = Budget.of(timeout);
        try {
            OnvifDevice d = OnvifDevice.connect(label(camera), t, s, budget);
            DeviceInfo info = d.deviceInfo(budget);
            List<MediaProfile> profiles = d.profiles(budget);
            MediaProfile chosen = d.profile(s.profile(), budget);
            String transport = camera.transport().map(v -> v.toLowerCase(Locale.ROOT)).orElse("tcp");
            URI stream = d.streamUri(chosen, transport, budget);
            String detail = info.describe() + "; clock offset " + seconds(d.client().clockOffset())
                    + "; " + (d.usesMedia2(budget) ? "Media2" : "Media") + " profiles: " + Profiles.describe(profiles)
                    + "; streams " + chosen.token() + " from " + CameraConfig.maskUserInfo(stream.toString())
                    + (d.endpoints(budget).ptz() != null ? "; PTZ service" : "");
            return new ConnectionTestResult(Duration.ofNanos(System.nanoTime() - start), chosen.codec().orElse(null),
                    camera.redact(detail));
        } catch (SourceException e) {
            throw redacted(camera, e);
        }
    }

    static String seconds(Duration d) {
        // Rounded first, so an offset of a few ms reads "0.0 s", not "-0.0 s".
        double tenths = Math.round(d.toMillis() / 100.0) / 10.0;
        return tenths == 0 ? "0.0 s" : String.format(Locale.ROOT, "%+.1f s", tenths);
    }

    // ----- PTZ -----

    public void move(CameraConfig camera, double pan, double tilt, double zoom) throws SourceException {
        for (double v : new double[] {pan, tilt, zoom}) {
            if (!Double.isFinite(v) || v < -1 || v > 1) {
                throw new SourceException(ErrorCode.INVALID_PARAMS, "camera '" + camera.id()
                        + "': PTZ speeds must be -1..1, were pan " + pan + ", tilt " + tilt + ", zoom " + zoom);
            }
        }
        ptz(camera, (d, p, b) -> {
            d.continuousMove(p, pan, tilt, zoom, b);
            return null;
        });
    }

    public void stop(CameraConfig camera) throws SourceException {
        ptz(camera, (d, p, b) -> {
            d.stop(p, b);
            return null;
        });
    }

    public List<Preset> presets(CameraConfig camera) throws SourceException {
        return ptz(camera, (d, p, b) -> d.presets(p, b));
    }

    public void gotoPreset(CameraConfig camera, String token) throws SourceException {
        if (token == null || token.isBlank()) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, "camera '" + camera.id() + "': no preset token given");
        }
        ptz(camera, (d, p, b) -> {
            d.gotoPreset(p, token, b);
            return null;
        });
    }

    @FunctionalInterface
    private interface PtzOp<T> {
        T run(OnvifDevice device, MediaProfile profile, Budget budget) throws SourceException;
    }

    private <T> T ptz(CameraConfig camera, PtzOp<T> op) throws SourceException {
        OnvifSettings s = settings(camera);
        OnvifTarget t = target(camera);
        Budget budget = Budget.of(s.resolveTimeout());
        try {
            return withDevice(camera, s, t, budget, d -> op.run(d, d.ptzProfile(s.profile(), budget), budget));
        } catch (SourceException e) {
            throw redacted(camera, e);
        }
    }

    // ----- devices -----

    <T> T withDevice(CameraConfig camera, OnvifSettings s, OnvifTarget t, Budget budget, DeviceOp<T> op)
            throws SourceException {
        Key key = new Key(camera.id(), t.device(), t.username(), t.password(), s);
        OnvifDevice cached = cached(key, s.sessionCache());
        if (cached != null) {
            try {
                return op.run(cached);
            } catch (SourceException e) {
                forget(key, cached);
                if (e.code() == ErrorCode.TIMEOUT || budget.expired() || budget.aborted()) {
                    throw e;
                }
                LOG.debug("Camera '{}': request on the cached device failed, reconnecting: {}", camera.id(),
                        camera.redact(e.getMessage()));
            }
        }
        OnvifDevice fresh = OnvifDevice.connect(label(camera), t, s, budget);
        T result = op.run(fresh);
        if (!s.sessionCache().isZero()) {
            synchronized (cache) {
                cache.put(key, new Cached(fresh, System.nanoTime()));
            }
        }
        return result;
    }

    private OnvifDevice cached(Key key, Duration ttl) {
        synchronized (cache) {
            Cached c = cache.get(key);
            if (c == null) {
                return null;
            }
            if (System.nanoTime() - c.bornNanos() > ttl.toNanos()) {
                cache.remove(key);
                return null;
            }
            return c.device();
        }
    }

    private void forget(Key key, OnvifDevice device) {
        synchronized (cache) {
            Cached c = cache.get(key);
            if (c != null && c.device() == device) {
                cache.remove(key);
            }
        }
    }

    private OnvifSettings settings(CameraConfig camera) throws SourceException {
        try {
            return defaults.forCamera(camera);
        } catch (IllegalArgumentException e) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, label(camera) + ": " + camera.redact(e.getMessage()));
        }
    }

    private static OnvifTarget target(CameraConfig camera) throws SourceException {
        try {
            return OnvifTarget.of(camera);
        } catch (IllegalArgumentException e) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, label(camera) + ": " + camera.redact(e.getMessage()));
        }
    }

    private static String label(CameraConfig camera) {
        return "camera '" + camera.id() + "'";
    }

    private static SourceException redacted(CameraConfig camera, SourceException e) {
        String m = camera.redact(e.getMessage());
        return m.equals(e.getMessage()) ? e : new SourceException(e.code(), m, e.getCause());
    }
}
