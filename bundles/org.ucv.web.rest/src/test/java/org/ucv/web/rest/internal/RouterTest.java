package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RouterTest {
    private static Router.Match match(String method, String path) throws ApiException {
        return Router.match(method, path);
    }

    @Test
    void eachRouteIsFoundWithItsId() throws Exception {
        assertEquals(Route.LIST_CAMERAS, match("GET", "/api/cameras").route());
        assertNull(match("GET", "/api/cameras").id());
        assertEquals(Route.LIST_CAMERAS, match("GET", "/api/cameras/").route());
        assertEquals(Route.GET_CAMERA, match("GET", "/api/cameras/garage").route());
        assertEquals("garage", match("GET", "/api/cameras/garage").id());
        assertEquals(Route.PTZ_PRESETS, match("GET", "/api/cameras/garage/ptz/presets").route());
        assertEquals(Route.PATCH_CAMERA, match("PATCH", "/api/cameras/g").route());
        assertEquals(Route.SNAPSHOT, match("HEAD", "/api/cameras/g/snapshot").route());
        assertEquals("a b", match("GET", "/api/cameras/a%20b").id(), "the id is decoded (and then not found)");
    }

    @Test
    void aLiteralSegmentBeatsAnId() throws Exception {
        assertEquals(Route.TEST_DRAFT, match("POST", "/api/cameras/test").route());
        assertEquals(Route.GET_CAMERA, match("GET", "/api/cameras/test").route(), "a camera may be called test");
        assertEquals(Route.DELETE_CAMERA, match("DELETE", "/api/cameras/test").route());
        assertEquals(Route.TEST_CAMERA, match("POST", "/api/cameras/test/test").route());
    }

    @Test
    void anUnknownPathIs404AndAWrongMethod405WithAllow() {
        ApiException e = assertThrows(ApiException.class, () -> match("GET", "/api/nope"));
        assertEquals(404, e.status());
        assertThrows(ApiException.class, () -> match("GET", "/api/cameras//snapshot"));
        assertThrows(ApiException.class, () -> match("GET", "/api/cameras/a/b/c/d"));
        ApiException m = assertThrows(ApiException.class, () -> match("DELETE", "/api/cameras"));
        assertEquals(405, m.status());
        assertEquals("GET, HEAD, POST", m.headers().get("Allow"));
        assertEquals("POST", assertThrows(ApiException.class, () -> match("GET", "/api/discovery")).headers().get("Allow"));
        assertEquals("DELETE, GET, HEAD, PATCH, POST, PUT",
                assertThrows(ApiException.class, () -> match("OPTIONS", "/api/cameras/test")).headers().get("Allow"));
    }
}
