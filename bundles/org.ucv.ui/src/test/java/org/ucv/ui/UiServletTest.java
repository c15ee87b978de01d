package org.ucv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class UiServletTest {
    /** What the servlet answered. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        String contentType;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private final UiServlet servlet = new UiServlet();

    /** A GET of {@code path} (as the default servlet sees it: all in the servlet path). */
    private Answer get(String path, Map<String, String> requestHeaders) throws Exception {
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> path;
                    case "getPathInfo" -> null;
                    case "getMethod" -> "GET";
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> answer.contentType = (String) args[0];
                        case "setStatus", "sendError" -> answer.status = (Integer) args[0];
                        case "setContentLength" -> answer.headers.put("Content-Length", args[0].toString());
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        servlet.doGet(req, resp);
        return answer;
    }

    private Answer get(String path) throws Exception {
        return get(path, Map.of());
    }

    @Test
    void indexIsRevalidatedAndCarriesTheContentSecurityPolicy() throws Exception {
        Answer a = get("/");
        assertEquals(200, a.status);
        assertEquals("text/html;charset=utf-8", a.contentType);
        assertEquals("no-cache", a.headers.get("Cache-Control"));
        assertEquals("nosniff", a.headers.get("X-Content-Type-Options"));
        String csp = a.headers.get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws: wss:; style-src 'self'"), csp);
        assertTrue(a.text().contains("<div id=\"root\">"));
        assertEquals(Integer.toString(a.body.size()), a.headers.get("Content-Length"));
    }

    @Test
    void hashedAssetsAreCachedForAYear() throws Exception {
        Matcher m = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/").text());
        assertTrue(m.find());
        Answer a = get(m.group(1));
        assertEquals(200, a.status);
        assertEquals("text/javascript;charset=utf-8", a.contentType);
        assertEquals("public, max-age=31536000, immutable", a.headers.get("Cache-Control"));
    }

    @Test
    void clientRoutesGetThePageAndUnknownFilesA404() throws Exception {
        Answer route = get("/cameras");
        assertEquals(200, route.status);
        assertTrue(route.text().contains("<div id=\"root\">"));
        assertEquals(404, get("/assets/gone-1234.js").status);
        assertEquals(404, get("/api/unknown").status);
        assertEquals(404, get("/nothing.png").status);
    }

    @Test
    void aMatchingEntityTagAnswers304WithoutBody() throws Exception {
        String etag = get("/").headers.get("ETag");
        Answer again = get("/", Map.of("If-None-Match", "\"other\", W/" + etag));
        assertEquals(304, again.status);
        assertEquals(0, again.body.size());
        assertEquals(200, get("/", Map.of("If-None-Match", "\"other\"")).status);
        assertFalse(UiServlet.matches(null, etag));
        assertTrue(UiServlet.matches("*", etag));
    }
}
