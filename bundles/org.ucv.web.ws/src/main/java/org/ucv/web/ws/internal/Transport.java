package org.ucv.web.ws.internal;

import java.util.Locale;

/** How frames travel to a viewer: base64 inside a JSON text message, or one binary message each. */
public enum Transport {
    JSON, BINARY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
