package org.ucv.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.ucv.api.auth.AuthService;
import org.ucv.auth.internal.AuthApi;
import org.ucv.auth.internal.HttpAnswer;
import org.ucv.auth.internal.HttpCall;
import org.ucv.auth.internal.LocalAuth;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The login, session and user endpoints ({@link AuthApi}). Exact patterns, so the REST bundle's
 * {@code /api/*} leaves them to this one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/login", "/api/logout", "/api/me", "/api/me/password", "/api/ws-token",
        "/api/users", "/api/users/*"})
public final class AuthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AuthApi api;

    @Activate
    public AuthServlet(@Reference LocalAuth auth) {
        this.api = new AuthApi(auth);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > AuthApi.MAX_BODY) {
            // Refused before reading: a declared huge body is never taken in.
            send(resp, AuthApi.error(413, "invalid_params", "body too large (at most 1 MiB)", Map.of()));
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(AuthApi.MAX_BODY + 1);
        }
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        HttpCall call = new HttpCall(req.getMethod(), path, sessionCookies(req), req.getHeader("Authorization"),
                req.getRemoteAddr(), req.isSecure(), body);
        send(resp, api.handle(call));
    }

    static List<String> sessionCookies(HttpServletRequest req) {
        List<String> values = new ArrayList<>();
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (AuthService.SESSION_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    values.add(cookie.getValue());
                }
            }
        }
        return values;
    }

    static void send(HttpServletResponse resp, HttpAnswer answer) throws IOException {
        resp.setStatus(answer.status());
        // Answers carry sessions and user lists: no cache may keep them.
        resp.setHeader("Cache-Control", "no-store");
        for (Map.Entry<String, String> header : answer.headers()) {
            resp.addHeader(header.getKey(), header.getValue());
        }
        if (answer.json() != null) {
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            resp.setContentType("application/json;charset=utf-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
