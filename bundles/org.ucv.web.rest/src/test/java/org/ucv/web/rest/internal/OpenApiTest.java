package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The OpenAPI document lists every route the servlet serves, and the auth bundle's endpoints. */
class OpenApiTest {
    private final JsonNode doc;

    OpenApiTest() throws Exception {
        doc = Json.MAPPER.readTree(RestApi.openApiDocument());
    }

    @Test
    void everyRouteIsDocumentedWithItsMethod() {
        List<String> missing = new ArrayList<>();
        for (Route r : Route.values()) {
            JsonNode op = doc.path("paths").path(r.template()).path(r.method().toLowerCase(Locale.ROOT));
            if (op.isMissingNode() || !op.has("responses")) {
                missing.add(r.method() + " " + r.template());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theAuthEndpointsAreDocumentedToo() {
        String[][] auth = {{"post", "/api/login"}, {"post", "/api/logout"}, {"get", "/api/me"},
            {"put", "/api/me/password"}, {"post", "/api/ws-token"}, {"get", "/api/users"}, {"post", "/api/users"},
            {"put", "/api/users/{name}/password"}, {"delete", "/api/users/{name}"}};
        for (String[] a : auth) {
            assertFalse(doc.path("paths").path(a[1]).path(a[0]).isMissingNode(), a[0] + " " + a[1]);
        }
        assertTrue(doc.path("paths").path("/api/login").path("post").path("security").isEmpty(), "login needs no session");
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        for (JsonNode ref : doc.findValues("$ref")) {
            String[] p = ref.asText().substring(2).split("/");
            JsonNode target = doc;
            for (String part : p) {
                target = target.path(part);
            }
            if (target.isMissingNode()) {
                dangling.add(ref.asText());
            }
        }
        assertEquals(List.of(), dangling);
        assertEquals("3.0.3", doc.get("openapi").asText());
    }

    @Test
    void thePasswordIsWriteOnlyInTheSchemas() {
        JsonNode camera = doc.path("components").path("schemas").path("Camera").path("properties");
        assertTrue(camera.has("has_password"));
        assertFalse(camera.has("password"));
        assertTrue(doc.path("components").path("schemas").path("CameraInput").path("properties").path("password")
                .path("writeOnly").asBoolean());
    }
}
