package org.ucv.web.rest.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PTZ request: {@code {"action":"move","pan":0.5,"tilt":0,"zoom":0}}, {@code {"action":"stop"}}
 * or {@code {"action":"goto_preset","preset":"<token>"}}. Speeds are -1..1, 0 when left out.
 *
 * @param action what to do
 * @param pan pan speed for {@link Action#MOVE}
 * @param tilt tilt speed for {@link Action#MOVE}
 * @param zoom zoom speed for {@link Action#MOVE}
 * @param preset the preset's token for {@link Action#GOTO_PRESET}
 */
public record PtzCommand(Action action, double pan, double tilt, double zoom, String preset) {
    /** The actions. */
    public enum Action {
        MOVE, STOP, GOTO_PRESET
    }

    private static final int MAX_PRESET = 128;
    private static final Set<String> FIELDS = Set.of("action", "pan", "tilt", "zoom", "preset");

    /**
     * @param body the request's JSON object
     * @return the command
     * @throws ApiException {@code invalid_params} naming the field at fault
     */
    public static PtzCommand parse(ObjectNode body) throws ApiException {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.put(Router.safe(f), "is not a PTZ field (fields: action, pan, tilt, zoom, preset)");
            }
        }
        JsonNode a = body.get("action");
        Action action = null;
        if (a == null || a.isNull()) {
            errors.put("action", "is required: move, stop or goto_preset");
        } else if (!a.isTextual()) {
            errors.put("action", "must be move, stop or goto_preset, was " + Json.kind(a));
        } else {
            action = switch (a.textValue()) {
                case "move" -> Action.MOVE;
                case "stop" -> Action.STOP;
                case "goto_preset" -> Action.GOTO_PRESET;
                default -> null;
            };
            if (action == null) {
                errors.put("action", "must be move, stop or goto_preset, was '" + Router.safe(a.textValue()) + "'");
            }
        }
        double pan = speed(body, "pan", errors);
        double tilt = speed(body, "tilt", errors);
        double zoom = speed(body, "zoom", errors);
        String preset = null;
        if (action == Action.GOTO_PRESET) {
            JsonNode p = body.get("preset");
            if (p == null || p.isNull()) {
                errors.put("preset", "is required for goto_preset: a token from GET .../ptz/presets");
            } else if (!p.isTextual() || p.textValue().isBlank() || p.textValue().length() > MAX_PRESET) {
                errors.put("preset", "must be a preset token (a non-empty string of at most " + MAX_PRESET + " characters)");
            } else {
                preset = p.textValue();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new PtzCommand(action, pan, tilt, zoom, preset);
    }

    private static double speed(ObjectNode body, String field, Map<String, String> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.doubleValue() < -1 || v.doubleValue() > 1 || Double.isNaN(v.doubleValue())) {
            errors.put(field, "must be a number from -1 to 1" + (v.isNumber() ? "" : ", was " + Json.kind(v)));
            return 0;
        }
        return v.doubleValue();
    }
}
