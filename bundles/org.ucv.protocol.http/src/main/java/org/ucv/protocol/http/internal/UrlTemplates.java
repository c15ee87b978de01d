package org.ucv.protocol.http.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.ucv.protocol.http.internal.HttpOptions.Mode;

/**
 * The MJPEG and snapshot paths of common camera makes, for cameras configured by brand, host and
 * channel instead of a URL. Paths as the vendors document them:
 * Hikvision ISAPI, Dahua/Amcrest CGI, Axis VAPIX, motion, and a generic {@code /video.mjpg}.
 */
public final class UrlTemplates {
    private static final Pattern CHANNEL = Pattern.compile("[0-9]{1,3}");

    private UrlTemplates() {
    }

    /**
     * @param brand the camera's make (any case), or null for the generic paths
     * @param mode stream or snapshot
     * @param channel the channel number, or null for 1
     * @param stream {@code main} (default) or {@code sub}
     * @return the path (with query) on the camera
     * @throws IllegalArgumentException when the channel is not a number or the stream is neither main nor sub
     */
    public static String path(String brand, Mode mode, String channel, String stream) {
        String ch = channel == null ? "1" : channel.trim();
        if (!CHANNEL.matcher(ch).matches()) {
            throw new IllegalArgumentException("channel '" + channel + "' must be a number of 1-3 digits");
        }
        boolean sub = false;
        if (stream != null) {
            switch (stream.trim().toLowerCase(Locale.ROOT)) {
                case "main" -> sub = false;
                case "sub" -> sub = true;
                default -> throw new IllegalArgumentException("stream '" + stream + "' must be main or sub");
            }
        }
        boolean mjpeg = mode == Mode.MJPEG;
        int n = Integer.parseInt(ch);
        return switch (brand(brand)) {
            // ISAPI channel ids are <channel><stream>: 101 main, 102 sub; pictures come from the main one.
            case "hikvision" -> mjpeg
                    ? "/ISAPI/Streaming/channels/" + n + (sub ? "02" : "01") + "/httpPreview"
                    : "/ISAPI/Streaming/channels/" + n + "01/picture";
            case "dahua", "amcrest" -> mjpeg
                    ? "/cgi-bin/mjpg/video.cgi?channel=" + n + "&subtype=" + (sub ? 1 : 0)
                    : "/cgi-bin/snapshot.cgi?channel=" + n;
            case "axis" -> mjpeg
                    ? "/axis-cgi/mjpg/video.cgi?camera=" + n + (sub ? "&resolution=640x360" : "")
                    : "/axis-cgi/jpg/image.cgi?camera=" + n;
            case "motion" -> mjpeg ? "/" : "/current";
            default -> mjpeg ? "/video.mjpg" : "/snapshot.jpg";
        };
    }

    /**
     * @param brand a make as configured
     * @return true when it has its own templates (otherwise the generic paths apply)
     */
    public static boolean known(String brand) {
        return !brand(brand).equals("generic");
    }

    private static String brand(String brand) {
        String b = brand == null ? "" : brand.trim().toLowerCase(Locale.ROOT);
        return switch (b) {
            case "hikvision", "hik", "hikvision-isapi" -> "hikvision";
            case "dahua", "amcrest", "axis", "motion" -> b;
            default -> "generic";
        };
    }
}
