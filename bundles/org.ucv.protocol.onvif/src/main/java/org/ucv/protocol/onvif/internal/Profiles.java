package org.ucv.protocol.onvif.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ucv.protocol.onvif.internal.OnvifParsers.MediaProfile;

/**
 * Picks the profile a camera streams: {@code main} is the video profile of the highest resolution,
 * {@code sub} the next one down (devices list them in that order almost always, but not all do,
 * so the resolution decides and the device's order breaks ties); anything else is a profile token,
 * or else a profile name (case ignored).
 */
public final class Profiles {
    private Profiles() {
    }

    /**
     * @param profiles the device's profiles, in its order
     * @return the profiles with a video encoder, largest picture first, the device's order among equals
     */
    public static List<MediaProfile> byResolution(List<MediaProfile> profiles) {
        List<MediaProfile> video = new ArrayList<>(profiles.stream().filter(MediaProfile::hasVideo).toList());
        video.sort(Comparator.comparingLong((MediaProfile p) -> (long) p.width() * p.height()).reversed());
        return video;
    }

    /**
     * @param profiles the device's profiles
     * @param choice {@code main}, {@code sub}, a token or a name
     * @return the chosen profile; {@code sub} on a device with a single video profile is that profile
     */
    public static Optional<MediaProfile> choose(List<MediaProfile> profiles, String choice) {
        String c = choice == null ? "main" : choice.trim();
        String lower = c.toLowerCase(Locale.ROOT);
        List<MediaProfile> ranked = byResolution(profiles);
        if (ranked.isEmpty()) {
            ranked = profiles; // no encoder information at all: the device's order
        }
        if (lower.equals("main") || lower.equals("primary") || lower.equals("0")) {
            return ranked.stream().findFirst();
        }
        if (lower.equals("sub") || lower.equals("secondary") || lower.equals("1")) {
            return ranked.size() > 1 ? Optional.of(ranked.get(1)) : ranked.stream().findFirst();
        }
        Optional<MediaProfile> byToken = profiles.stream().filter(p -> p.token().equals(c)).findFirst();
        return byToken.isPresent() ? byToken
                : profiles.stream().filter(p -> p.name().equalsIgnoreCase(c)).findFirst();
    }

    /** @return e.g. {@code Profile_1 "main" H264 1920x1080 25fps, Profile_2 ...} */
    public static String describe(List<MediaProfile> profiles) {
        return profiles.isEmpty() ? "none" : profiles.stream().map(MediaProfile::describe).collect(Collectors.joining(", "));
    }
}
