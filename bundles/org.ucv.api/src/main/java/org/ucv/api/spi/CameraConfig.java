package org.ucv.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An immutable description of one camera, as configured. Build one with {@link #builder(String)}.
 * A camera is addressed either by a {@link #url()} or by brand/host/port/path/channel/stream.
 *
 * <p>{@link #toString()} never shows the password; a plugin that logs a URL masks its user info.
 */
@ProviderType
public final class CameraConfig {
    /** What a camera id looks like: lower case letters, digits, '_' and '-', up to 64 characters. */
    public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^\\s\"'<>]*@");
    private static final int MIN_REDACTED_PASSWORD = 3;

    private final String id;
    private final String name;
    private final String protocol;
    private final String url;
    private final String brand;
    private final String host;
    private final int port;
    private final String path;
    private final String channel;
    private final String stream;
    private final String username;
    private final String password;
    private final String transport;
    private final boolean enabled;
    private final Map<String, String> options;

    private CameraConfig(Builder b) {
        this.id = b.id;
        this.name = b.name == null || b.name.isBlank() ? b.id : b.name;
        this.protocol = Objects.requireNonNull(b.protocol, "protocol");
        this.url = b.url;
        this.brand = b.brand;
        this.host = b.host;
        this.port = b.port;
        this.path = b.path;
        this.channel = b.channel;
        this.stream = b.stream;
        this.username = b.username;
        this.password = b.password;
        this.transport = b.transport;
        this.enabled = b.enabled;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    /**
     * @param id the camera id, matching {@link #ID_PATTERN}
     * @return a new builder
     * @throws IllegalArgumentException when the id does not match {@link #ID_PATTERN}
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** @return a builder holding every value of this camera, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder(id).name(name).protocol(protocol).url(url).brand(brand).host(host)
                .port(port).path(path).channel(channel).stream(stream).username(username)
                .password(password).transport(transport).enabled(enabled);
        b.options.putAll(options);
        return b;
    }

    public String id() { return id; }
    public String name() { return name; }
    /** @return the protocol that selects the plugin, e.g. {@code rtsp}, {@code http}, {@code demo} */
    public String protocol() { return protocol; }
    public Optional<String> url() { return Optional.ofNullable(url); }
    public Optional<String> brand() { return Optional.ofNullable(brand); }
    public Optional<String> host() { return Optional.ofNullable(host); }
    /** @return the port, or 0 for the protocol's default */
    public int port() { return port; }
    public Optional<String> path() { return Optional.ofNullable(path); }
    public Optional<String> channel() { return Optional.ofNullable(channel); }
    public Optional<String> stream() { return Optional.ofNullable(stream); }
    public Optional<String> username() { return Optional.ofNullable(username); }
    /** @return the password; never log or send it to a browser */
    public Optional<String> password() { return Optional.ofNullable(password); }
    /** @return the transport hint, e.g. {@code tcp} or {@code udp} for RTSP; empty for the default */
    public Optional<String> transport() { return Optional.ofNullable(transport); }
    public boolean enabled() { return enabled; }
    /** @return the plugin-specific options (unmodifiable) */
    public Map<String, String> options() { return options; }

    /**
     * @param key an option key
     * @return the option's value, if set
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraConfig c && id.equals(c.id) && name.equals(c.name)
                && protocol.equals(c.protocol) && Objects.equals(url, c.url) && Objects.equals(brand, c.brand)
                && Objects.equals(host, c.host) && port == c.port && Objects.equals(path, c.path)
                && Objects.equals(channel, c.channel) && Objects.equals(stream, c.stream)
                && Objects.equals(username, c.username) && Objects.equals(password, c.password)
                && Objects.equals(transport, c.transport) && enabled == c.enabled && options.equals(c.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, protocol, url, host, port, path);
    }

    /** Never includes the password. */
    @Override
    public String toString() {
        return "CameraConfig[id=" + id + ", protocol=" + protocol
                + (url != null ? ", url=" + maskUserInfo(url) : "")
                + (host != null ? ", host=" + host + ":" + port : "")
                + (username != null ? ", username=" + username : "")
                + (password != null ? ", password=***" : "") + "]";
    }

    /**
     * Replaces the user info of every URL in a text ({@code scheme://user:pass@host}) with
     * {@code ***}, so a URL can be logged or shown. It masks up to the last {@code @} of the URL:
     * a password holding {@code @} or {@code /} is masked too (at worst the host as well).
     *
     * @param text any text that may hold URLs with credentials, or null
     * @return the text with every user-info part masked
     */
    public static String maskUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }

    /**
     * Makes a text from a plugin or a library (an exception message, a log line) safe to log or
     * send to a browser: masks URL user info and every occurrence of this camera's password.
     *
     * @param text any text, or null
     * @return the text without this camera's credentials
     */
    public String redact(String text) {
        String masked = maskUserInfo(text);
        // A very short password would mask ordinary letters of the message, and the URL form is
        // already masked above, so only passwords of a few characters are searched for.
        if (masked != null && password != null && password.length() >= MIN_REDACTED_PASSWORD) {
            masked = masked.replace(password, "***");
        }
        return masked;
    }

    /** Builds a {@link CameraConfig}. */
    public static final class Builder {
        private final String id;
        private String name;
        private String protocol;
        private String url;
        private String brand;
        private String host;
        private int port;
        private String path;
        private String channel;
        private String stream;
        private String username;
        private String password;
        private String transport;
        private boolean enabled = true;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String id) {
            if (id == null || !ID_PATTERN.matcher(id).matches()) {
                throw new IllegalArgumentException("camera id '" + id + "' must match " + ID_PATTERN.pattern());
            }
            this.id = id;
        }

        public Builder name(String v) { this.name = v; return this; }
        public Builder protocol(String v) { this.protocol = v; return this; }
        public Builder url(String v) { this.url = blankToNull(v); return this; }
        public Builder brand(String v) { this.brand = blankToNull(v); return this; }
        public Builder host(String v) { this.host = blankToNull(v); return this; }

        /**
         * @param v the port, 0 for the protocol default
         * @return this builder
         * @throws IllegalArgumentException outside 0..65535
         */
        public Builder port(int v) {
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("port must be 1-65535 (0 for the default), was " + v);
            }
            this.port = v;
            return this;
        }

        public Builder path(String v) { this.path = blankToNull(v); return this; }
        public Builder channel(String v) { this.channel = blankToNull(v); return this; }
        public Builder stream(String v) { this.stream = blankToNull(v); return this; }
        public Builder username(String v) { this.username = blankToNull(v); return this; }
        public Builder password(String v) { this.password = v == null || v.isEmpty() ? null : v; return this; }
        public Builder transport(String v) { this.transport = blankToNull(v); return this; }
        public Builder enabled(boolean v) { this.enabled = v; return this; }

        public Builder option(String key, String value) {
            if (value == null) {
                options.remove(key);
            } else {
                options.put(key, value);
            }
            return this;
        }

        /**
         * @return the camera
         * @throws NullPointerException when no protocol was set
         */
        public CameraConfig build() {
            return new CameraConfig(this);
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v.trim();
        }
    }
}
