package org.ucv.protocol.onvif.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.PtzCapable.Preset;
import org.ucv.api.spi.SourceException;
import org.ucv.protocol.onvif.internal.OnvifParsers.DeviceInfo;
import org.ucv.protocol.onvif.internal.OnvifParsers.Endpoints;
import org.ucv.protocol.onvif.internal.OnvifParsers.MediaProfile;
import org.ucv.protocol.onvif.internal.OnvifParsers.PtzNode;
import org.w3c.dom.Element;

/**
 * One ONVIF device as we know it after connecting: its clock offset, its service addresses and
 * (fetched when first needed) its profiles and PTZ nodes. Connecting is GetSystemDateAndTime
 * (unauthenticated, to learn the clock offset before any authenticated request), then GetServices
 * (GetCapabilities for devices without it).
 *
 * <p>Thread-safe: the lazily fetched parts are volatile, and fetching twice is harmless.
 */
public final class OnvifDevice {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifDevice.class);

    private final SoapClient client;
    private final OnvifTarget target;
    private final OnvifSettings settings;
    private final long createdNanos = System.nanoTime();
    private volatile Endpoints endpoints;
    private volatile Profiles2 profiles;
    private volatile List<PtzNode> nodes;

    /** The profiles and the media service they came from. */
    private record Profiles2(List<MediaProfile> list, boolean media2) {
    }

    OnvifDevice(SoapClient client, OnvifTarget target, OnvifSettings settings) {
        this.client = client;
        this.target = target;
        this.settings = settings;
    }

    /**
     * Connects: measures the clock offset and finds the services.
     *
     * @param label who it is for, for messages (e.g. {@code camera 'garden'})
     * @param target the device service and credentials
     * @param settings timeouts and limits
     * @param budget the time left and the abort
     * @return the device
     * @throws SourceException when the device cannot be reached, refuses us, or offers no media service
     */
    public static OnvifDevice connect(String label, OnvifTarget target, OnvifSettings settings, Budget budget)
            throws SourceException {
        SoapClient client = new SoapClient(label, target.username(), target.password(), settings.soapLimits(),
                settings.requestTimeout());
        OnvifDevice device = new OnvifDevice(client, target, settings);
        device.measureClock(budget);
        device.endpoints(budget);
        return device;
    }

    /** @return the SOAP client (its clock offset, its label) */
    public SoapClient client() {
        return client;
    }

    /** @return how long ago this device was connected */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
    }

    /**
     * GetSystemDateAndTime, which ONVIF requires devices to answer without authentication (a device
     * that refuses gets the request again with our credentials). Sets the client's clock offset.
     *
     * @param budget the time left and the abort
     * @return the offset (device minus us), empty when the device gave no usable time
     * @throws SourceException when the device cannot be reached
     */
    public Optional<Duration> measureClock(Budget budget) throws SourceException {
        Instant sent = Instant.now();
        Element r;
        try {
            r = client.call(target.device(), "GetSystemDateAndTime", OnvifMessages.getSystemDateAndTime(), false, budget);
        } catch (FaultException e) {
            if (!e.fault().isAuthFailure() || !client.hasCredentials()) {
                LOG.debug("{}: GetSystemDateAndTime failed, clock offset assumed 0: {}", client.label(), e.getMessage());
                return Optional.empty();
            }
            sent = Instant.now();
            r = client.call(target.device(), "GetSystemDateAndTime", OnvifMessages.getSystemDateAndTime(), true, budget);
        }
        Instant received = Instant.now();
        Optional<Instant> deviceTime = OnvifParsers.deviceTime(r);
        if (deviceTime.isEmpty()) {
            return Optional.empty();
        }
        Duration offset = OnvifParsers.clockOffset(deviceTime.get(), sent, received);
        client.clockOffset(offset);
        if (offset.abs().compareTo(Duration.ofSeconds(5)) > 0) {
            LOG.info("{}: the device's clock is {} s off ours; its WS-Security tokens are dated by its clock",
                    client.label(), offset.toSeconds());
        }
        return Optional.of(offset);
    }

    /**
     * @param budget the time left and the abort
     * @return the service addresses (GetServices, else GetCapabilities), host-rewritten when configured
     * @throws SourceException when neither answers
     */
    public Endpoints endpoints(Budget budget) throws SourceException {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        try {
            e = OnvifParsers.services(client.call(target.device(), "GetServices", OnvifMessages.getServices(), true,
                    budget), target.device());
        } catch (SourceException fault) {
            // A fault, or a device that answers an operation it lacks with a bare HTTP error.
            if (fault.code() == ErrorCode.AUTH_FAILED || fault.code() == ErrorCode.TIMEOUT || budget.aborted()) {
                throw fault;
            }
            LOG.debug("{}: GetServices failed ({}), trying GetCapabilities", client.label(), fault.getMessage());
            e = OnvifParsers.capabilities(client.call(target.device(), "GetCapabilities",
                    OnvifMessages.getCapabilities(), true, budget), target.device());
        }
        if (settings.rewriteHost()) {
            e = new Endpoints(e.device(), rewrite(e.media()), rewrite(e.media2()), rewrite(e.ptz()));
        }
        endpoints = e;
        return e;
    }

    private URI rewrite(URI u) {
        return u == null ? null : target.onDeviceHost(u, false);
    }

    /**
     * @param budget the time left and the abort
     * @return GetDeviceInformation (authenticated: also the check that our credentials work)
     * @throws SourceException on failure
     */
    public DeviceInfo deviceInfo(Budget budget) throws SourceException {
        return OnvifParsers.deviceInfo(client.call(target.device(), "GetDeviceInformation",
                OnvifMessages.getDeviceInformation(), true, budget));
    }

    /**
     * @param budget the time left and the abort
     * @return the profiles (Media2 when offered and allowed by the {@code media} setting)
     * @throws SourceException on failure, {@code invalid_params} when the chosen media service is missing
     */
    public List<MediaProfile> profiles(Budget budget) throws SourceException {
        return loadProfiles(budget).list();
    }

    /** @return whether the profiles came from Media2 (after {@link #profiles}) */
    public boolean usesMedia2(Budget budget) throws SourceException {
        return loadProfiles(budget).media2();
    }

    private Profiles2 loadProfiles(Budget budget) throws SourceException {
        Profiles2 p = profiles;
        if (p != null) {
            return p;
        }
        Endpoints e = endpoints(budget);
        String media = settings.media();
        if (media.equals(OnvifSettings.MEDIA_V20) && e.media2() == null) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": option media=media2, but the device"
                    + " offers no Media2 service" + (e.media() != null ? " (it has Media ver10: use media=auto)" : ""));
        }
        if (media.equals(OnvifSettings.MEDIA_V10) && e.media() == null) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": option media=media, but the device"
                    + " offers no Media (ver10) service" + (e.media2() != null ? " (it has Media2: use media=auto)" : ""));
        }
        if (e.media() == null && e.media2() == null) {
            throw new SourceException(ErrorCode.NOT_A_STREAM, client.label() + ": the device at "
                    + target.device() + " offers no media service");
        }
        boolean tryMedia2 = e.media2() != null && !media.equals(OnvifSettings.MEDIA_V10);
        if (tryMedia2) {
            try {
                p = new Profiles2(OnvifParsers.profiles2(client.call(e.media2(), "GetProfiles",
                        OnvifMessages.getProfiles2(), true, budget)), true);
            } catch (SourceException fault) {
                if (fault.code() == ErrorCode.AUTH_FAILED || fault.code() == ErrorCode.TIMEOUT || budget.aborted()
                        || e.media() == null || media.equals(OnvifSettings.MEDIA_V20)) {
                    throw fault;
                }
                LOG.info("{}: Media2 GetProfiles failed ({}); using Media ver10", client.label(), fault.getMessage());
            }
        }
        if (p == null) {
            p = new Profiles2(OnvifParsers.profiles(client.call(e.media(), "GetProfiles", OnvifMessages.getProfiles(),
                    true, budget)), false);
        }
        profiles = p;
        return p;
    }

    /**
     * @param choice {@code main}, {@code sub}, a token or a name
     * @param budget the time left and the abort
     * @return the chosen profile
     * @throws SourceException {@code stream_not_found} naming the profiles there are
     */
    public MediaProfile profile(String choice, Budget budget) throws SourceException {
        List<MediaProfile> list = profiles(budget);
        return Profiles.choose(list, choice).orElseThrow(() -> new SourceException(ErrorCode.STREAM_NOT_FOUND,
                client.label() + ": the device has no profile '" + choice + "'; it has: " + Profiles.describe(list)));
    }

    /**
     * GetStreamUri for RTP unicast over RTSP.
     *
     * @param profile the profile
     * @param transport the RTSP transport the stream will use: {@code tcp}, {@code udp} or {@code http}
     * @param budget the time left and the abort
     * @return the RTSP URI (host-rewritten when configured)
     * @throws SourceException on failure
     */
    public URI streamUri(MediaProfile profile, String transport, Budget budget) throws SourceException {
        Profiles2 p = loadProfiles(budget);
        Element r;
        if (p.media2()) {
            // RtspUnicast is what every Media2 device must offer; the URI it gives serves RTP over
            // the RTSP connection (TCP) as well. A device that refuses it gets RTSP (TCP) asked.
            String protocol = "http".equals(transport) ? "RtspOverHttp" : "RtspUnicast";
            try {
                r = client.call(endpoints(budget).media2(), "GetStreamUri",
                        OnvifMessages.getStreamUri2(profile.token(), protocol), true, budget);
            } catch (FaultException e) {
                if (e.code() == ErrorCode.AUTH_FAILED || protocol.equals("RTSP")) {
                    throw noProfile(e, profile);
                }
                r = client.call(endpoints(budget).media2(), "GetStreamUri",
                        OnvifMessages.getStreamUri2(profile.token(), "RTSP"), true, budget);
            }
        } else {
            try {
                r = client.call(endpoints(budget).media(), "GetStreamUri",
                        OnvifMessages.getStreamUri(profile.token(), "http".equals(transport) ? "HTTP" : "RTSP"), true,
                        budget);
            } catch (FaultException e) {
                throw noProfile(e, profile);
            }
        }
        URI uri = uriOf(r, "GetStreamUri", "rtsp", "rtsps");
        return settings.rewriteHost() ? target.onDeviceHost(uri, true) : uri;
    }

    private SourceException noProfile(FaultException e, MediaProfile profile) {
        if (e.fault().has("NoProfile")) {
            return new FaultException(ErrorCode.STREAM_NOT_FOUND, e.getMessage() + " (profile " + profile.token() + ")",
                    e.fault());
        }
        return e;
    }

    /**
     * @param profile the profile
     * @param budget the time left and the abort
     * @return the snapshot URI (host-rewritten when configured)
     * @throws SourceException on failure, a {@link FaultException} when the device has none
     */
    public URI snapshotUri(MediaProfile profile, Budget budget) throws SourceException {
        Profiles2 p = loadProfiles(budget);
        Element r = p.media2()
                ? client.call(endpoints(budget).media2(), "GetSnapshotUri", OnvifMessages.getSnapshotUri2(profile.token()),
                        true, budget)
                : client.call(endpoints(budget).media(), "GetSnapshotUri", OnvifMessages.getSnapshotUri(profile.token()),
                        true, budget);
        URI uri = uriOf(r, "GetSnapshotUri", "http", "https");
        return settings.rewriteHost() ? target.onDeviceHost(uri, true) : uri;
    }

    private URI uriOf(Element r, String operation, String... schemes) throws SourceException {
        String text = OnvifParsers.mediaUri(r).orElse("");
        Optional<URI> uri = OnvifParsers.uri(text);
        if (uri.isEmpty() || !List.of(schemes).contains(uri.get().getScheme().toLowerCase(Locale.ROOT))) {
            throw new SourceException(ErrorCode.NOT_A_STREAM, client.label() + ": ONVIF " + operation + " gave "
                    + (text.isEmpty() ? "no URI" : "'" + CameraConfig.maskUserInfo(text)
                    + "', not a " + String.join("/", schemes) + " URI"));
        }
        return uri.get();
    }

    // ----- PTZ -----

    /**
     * The profile PTZ requests name: the chosen one when it carries a PTZ configuration, else the
     * first profile that does.
     *
     * @param choice the camera's profile choice
     * @param budget the time left and the abort
     * @return the profile
     * @throws SourceException {@code invalid_params} when the device offers no PTZ
     */
    public MediaProfile ptzProfile(String choice, Budget budget) throws SourceException {
        Endpoints e = endpoints(budget);
        if (e.ptz() == null) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": the device offers no PTZ service");
        }
        List<MediaProfile> list = profiles(budget);
        Optional<MediaProfile> chosen = Profiles.choose(list, choice).filter(p -> p.ptzToken() != null);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        Optional<MediaProfile> any = list.stream().filter(p -> p.ptzToken() != null).findFirst();
        if (any.isPresent()) {
            return any.get();
        }
        List<String> configurations = OnvifParsers.ptzConfigurations(client.call(e.ptz(), "GetConfigurations",
                OnvifMessages.getConfigurations(), true, budget));
        throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": no media profile carries a PTZ"
                + " configuration" + (configurations.isEmpty() ? " and the device has none"
                : " (the device has " + String.join(", ", configurations) + "; add one to a profile)"));
    }

    /**
     * @param profile the PTZ profile
     * @param budget the time left and the abort
     * @return the profile's node, or empty when GetNodes fails or does not list it (then every axis is tried)
     */
    public Optional<PtzNode> node(MediaProfile profile, Budget budget) {
        List<PtzNode> n = nodes;
        if (n == null) {
            try {
                n = OnvifParsers.nodes(client.call(endpoints(budget).ptz(), "GetNodes", OnvifMessages.getNodes(), true,
                        budget));
            } catch (SourceException e) {
                LOG.debug("{}: GetNodes failed, assuming pan, tilt and zoom: {}", client.label(), e.getMessage());
                n = List.of();
            }
            nodes = n;
        }
        if (n.isEmpty()) {
            return Optional.empty();
        }
        List<PtzNode> all = n;
        return all.stream().filter(x -> x.token().equals(profile.ptzNode())).findFirst()
                .or(() -> all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty());
    }

    /**
     * ContinuousMove; axes the node cannot move are left out (a zoom request on a node without zoom
     * is refused).
     */
    public void continuousMove(MediaProfile profile, double pan, double tilt, double zoom, Budget budget)
            throws SourceException {
        Optional<PtzNode> node = node(profile, budget);
        boolean panTilt = node.map(PtzNode::panTilt).orElse(true);
        boolean withZoom = node.map(PtzNode::zoom).orElse(true);
        if (!withZoom && zoom != 0) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": the PTZ node "
                    + node.get().token() + " cannot zoom");
        }
        if (!panTilt && (pan != 0 || tilt != 0)) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, client.label() + ": the PTZ node "
                    + node.get().token() + " cannot pan or tilt");
        }
        client.call(endpoints(budget).ptz(), "ContinuousMove",
                OnvifMessages.continuousMove(profile.token(), pan, tilt, zoom, panTilt, withZoom), true, budget);
    }

    public void stop(MediaProfile profile, Budget budget) throws SourceException {
        Optional<PtzNode> node = node(profile, budget);
        client.call(endpoints(budget).ptz(), "Stop", OnvifMessages.stop(profile.token(),
                node.map(PtzNode::panTilt).orElse(true), node.map(PtzNode::zoom).orElse(true)), true, budget);
    }

    public List<Preset> presets(MediaProfile profile, Budget budget) throws SourceException {
        return OnvifParsers.presets(client.call(endpoints(budget).ptz(), "GetPresets",
                OnvifMessages.getPresets(profile.token()), true, budget));
    }

    public void gotoPreset(MediaProfile profile, String presetToken, Budget budget) throws SourceException {
        try {
            client.call(endpoints(budget).ptz(), "GotoPreset", OnvifMessages.gotoPreset(profile.token(), presetToken),
                    true, budget);
        } catch (FaultException e) {
            if (e.fault().isSender() && !e.fault().isAuthFailure()) {
                throw new FaultException(ErrorCode.INVALID_PARAMS, e.getMessage() + " (preset '" + presetToken + "')",
                        e.fault());
            }
            throw e;
        }
    }
}
