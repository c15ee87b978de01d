package org.ucv.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection for the page's actions. The Web Console 5.0.18 has none of
 * its own, and its login also accepts HTTP Basic, which a browser sends along with a forged
 * cross-site form post (the session cookie's SameSite=Strict does not cover that). So every form
 * carries a secret token that another site cannot read, and a post the browser marks as
 * cross-site ({@code Sec-Fetch-Site}) is refused whatever it carries.
 *
 * <p>The token is random per console activation: only admins can read the page that holds it, and
 * an admin may do the actions anyway.
 */
public final class PostGuard {
    private final String token;

    public PostGuard(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the token the page's forms carry */
    public String token() {
        return token;
    }

    /**
     * @param formToken the token the post carried, or null
     * @param secFetchSite the request's {@code Sec-Fetch-Site} header, or null
     * @return null when the post may go on, else why not (to show)
     */
    public String refusal(String formToken, String secFetchSite) {
        if ("cross-site".equalsIgnoreCase(secFetchSite)) {
            return "Refused: the request came from another site.";
        }
        if (formToken == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8))) {
            return "Refused: the form is out of date (was the console restarted?). Nothing was done; try again.";
        }
        return null;
    }
}
