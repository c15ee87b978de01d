package org.ucv.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.auth.internal.AuthCore;
import org.ucv.auth.internal.Credentials;
import org.ucv.auth.internal.LocalAuth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Web Console's login: UCV's own users, admins only. Accepts the {@code ucv_session} cookie
 * (logged in on the UCV page), a bearer token, or HTTP Basic checked by the same throttled password
 * check as {@code POST /api/login} (without opening a session per request). The framework property
 * {@code felix.webconsole.security.providers=ucv} makes the console wait for this provider, so it
 * never falls back to its built-in admin/admin.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {
    static final String ID = "ucv";
    private static final String REALM = "UCV";
    private static final String BASIC = "basic ";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    private final LocalAuth auth;

    @Activate
    public ConsoleSecurityProvider(@Reference LocalAuth auth) {
        this.auth = auth;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String authorization = request.getHeader("Authorization");
        try {
            Principal principal;
            if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
                String[] userPassword = basic(authorization.substring(BASIC.length()).trim());
                if (userPassword == null) {
                    return challenge(response, "malformed Basic credentials");
                }
                principal = auth.verifyRepeated(userPassword[0], userPassword[1], request.getRemoteAddr());
            } else {
                Optional<Credentials.Presented> presented = Credentials.resolve(auth, authorization,
                        AuthServlet.sessionCookies(request));
                if (presented.isEmpty()) {
                    return challenge(response, "log in as an admin");
                }
                principal = presented.get().principal();
            }
            if (!principal.may(Role.ADMIN)) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "the Web Console is for admins only");
                return null;
            }
            return principal;
        } catch (AuthException e) {
            if (e.reason() == AuthException.Reason.THROTTLED) {
                response.setHeader("Retry-After", Long.toString(AuthCore.seconds(e.retryAfter())));
                refuse(response, 429, e.getMessage());
                return null;
            }
            return challenge(response, e.getMessage());
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Principal principal && principal.may(Role.ADMIN);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        AuthServlet.sessionCookies(request).forEach(auth::logout);
        response.addHeader("Set-Cookie", Credentials.clearedCookie(request.isSecure()));
    }

    /** @return user and password of a Basic credential, or null when it is not one */
    static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 401 with a Basic challenge, so a browser shows its login prompt. */
    private static Object challenge(HttpServletResponse response, String message) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, message);
        return null;
    }

    private static void refuse(HttpServletResponse response, int status, String message) {
        try {
            byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.debug("Client went away before the console's refusal was sent", e);
        }
    }
}
