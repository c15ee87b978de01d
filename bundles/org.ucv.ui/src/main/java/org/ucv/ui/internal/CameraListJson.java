package org.ucv.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The camera list the page needs: id, name, protocol and state only. Nothing else of a camera is
 * written, so neither its password nor the credentials a URL may carry can reach a browser.
 */
public final class CameraListJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CameraListJson() {
    }

    /**
     * @param cameras the configured cameras
     * @param state each camera's state, empty when the camera is gone meanwhile (it is left out)
     * @return a JSON array of {@code {"id","name","protocol","state"}}
     */
    public static String write(List<CameraConfig> cameras, Function<String, Optional<CameraState>> state) {
        ArrayNode list = MAPPER.createArrayNode();
        for (CameraConfig c : cameras) {
            Optional<CameraState> s = state.apply(c.id());
            if (s.isPresent()) {
                ObjectNode o = list.addObject();
                o.put("id", c.id());
                o.put("name", c.name());
                o.put("protocol", c.protocol());
                o.put("state", s.get().wire());
            }
        }
        try {
            return MAPPER.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
