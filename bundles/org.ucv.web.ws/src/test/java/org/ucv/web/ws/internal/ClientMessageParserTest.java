package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.web.ws.internal.ClientMessage.Invalid;
import org.ucv.web.ws.internal.ClientMessage.Ping;
import org.ucv.web.ws.internal.ClientMessage.StartStream;
import org.ucv.web.ws.internal.ClientMessage.StopStream;
import org.ucv.web.ws.internal.ClientMessage.UpdateFps;
import org.ucv.web.ws.internal.ClientMessage.UpdateQuality;

class ClientMessageParserTest {
    private final ClientMessageParser parser = new ClientMessageParser();

    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of("{\"action\":\"start_stream\"}", new StartStream(null, null, null, null, null)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{}}", new StartStream(null, null, null, null, null)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":null}", new StartStream(null, null, null, null, null)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":\"low\",\"fps\":30,\"format\":\"jpeg\"}}",
                        new StartStream(Quality.LOW, 30, "jpeg", null, null)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":\"source\",\"fps\":1,"
                        + "\"format\":\"JPEG\",\"transport\":\"binary\",\"max_width\":640}}",
                        new StartStream(Quality.SOURCE, 1, "jpeg", Transport.BINARY, 640)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":\"high\",\"fps\":60,\"transport\":\"json\"}}",
                        new StartStream(Quality.HIGH, 60, null, Transport.JSON, null)),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":null,\"max_width\":null,\"extra\":1}}",
                        new StartStream(null, null, null, null, null)),
                Arguments.of("{\"action\":\"stop_stream\"}", new StopStream()),
                Arguments.of("{\"action\":\"stop_stream\",\"params\":{\"anything\":true}}", new StopStream()),
                Arguments.of("{\"action\":\"update_quality\",\"params\":{\"quality\":\"medium\"}}",
                        new UpdateQuality(Quality.MEDIUM)),
                Arguments.of("{\"action\":\"update_fps\",\"params\":{\"fps\":15}}", new UpdateFps(15)),
                Arguments.of("  {\"params\":{\"fps\":5},\"action\":\"update_fps\"}\n", new UpdateFps(5)));
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void parsesEveryAction(String text, ClientMessage expected) {
        assertEquals(expected, parser.parse(text));
    }

    static Stream<Arguments> invalidMessages() {
        return Stream.of(
                // text, code, field
                Arguments.of("", ErrorCode.INVALID_JSON, null),
                Arguments.of("not json", ErrorCode.INVALID_JSON, null),
                Arguments.of("{\"action\":\"start_stream\"", ErrorCode.INVALID_JSON, null),
                Arguments.of("{\"action\":\"ping\"} trailing", ErrorCode.INVALID_JSON, null),
                Arguments.of("[\"start_stream\"]", ErrorCode.INVALID_JSON, null),
                Arguments.of("\"start_stream\"", ErrorCode.INVALID_JSON, null),
                Arguments.of("null", ErrorCode.INVALID_JSON, null),
                Arguments.of("{}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"params\":{}}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":null}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":42}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":\"join_room\"}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":\"START_STREAM\"}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":\"join_room\",\"params\":5}", ErrorCode.UNKNOWN_ACTION, null),
                Arguments.of("{\"action\":\"start_stream\",\"params\":[1]}", ErrorCode.INVALID_PARAMS, "params"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":\"fast\"}", ErrorCode.INVALID_PARAMS, "params"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":\"ultra\"}}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":\"HIGH\"}}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"quality\":80}}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":0}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":61}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":-5}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":12.5}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":\"30\"}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"fps\":99999999999}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"format\":7}}", ErrorCode.INVALID_PARAMS, "format"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"format\":[\"jpeg\"]}}", ErrorCode.INVALID_PARAMS, "format"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"transport\":\"xml\"}}", ErrorCode.INVALID_PARAMS, "transport"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"transport\":true}}", ErrorCode.INVALID_PARAMS, "transport"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"max_width\":0}}", ErrorCode.INVALID_PARAMS, "max_width"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"max_width\":-640}}", ErrorCode.INVALID_PARAMS, "max_width"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"max_width\":640.5}}", ErrorCode.INVALID_PARAMS, "max_width"),
                Arguments.of("{\"action\":\"start_stream\",\"params\":{\"max_width\":\"640\"}}", ErrorCode.INVALID_PARAMS, "max_width"),
                Arguments.of("{\"action\":\"update_quality\"}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"update_quality\",\"params\":{\"quality\":null}}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"update_quality\",\"params\":{\"quality\":\"best\"}}", ErrorCode.INVALID_PARAMS, "quality"),
                Arguments.of("{\"action\":\"update_quality\",\"params\":5}", ErrorCode.INVALID_PARAMS, "params"),
                Arguments.of("{\"action\":\"update_fps\",\"params\":{}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"update_fps\",\"params\":{\"fps\":100}}", ErrorCode.INVALID_PARAMS, "fps"),
                Arguments.of("{\"action\":\"update_fps\",\"params\":{\"fps\":true}}", ErrorCode.INVALID_PARAMS, "fps"));
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void answersEveryErrorCode(String text, ErrorCode code, String field) {
        Invalid invalid = assertInstanceOf(Invalid.class, parser.parse(text));
        assertEquals(code, invalid.code());
        assertEquals(field, invalid.field());
        assertTrue(!invalid.message().isBlank(), "an error has human text");
        if (field != null) {
            assertTrue(invalid.message().contains(field), "the text names the field: " + invalid.message());
        }
    }

    @Test
    void pingEchoesClientTimeFromParamsOrTopLevel() {
        Ping inParams = assertInstanceOf(Ping.class,
                parser.parse("{\"action\":\"ping\",\"params\":{\"client_time\":1752781399123}}"));
        assertEquals(1752781399123L, inParams.clientTime().longValue());
        Ping topLevel = assertInstanceOf(Ping.class,
                parser.parse("{\"action\":\"ping\",\"client_time\":\"2025-07-17T19:43:19.123Z\"}"));
        assertEquals("2025-07-17T19:43:19.123Z", topLevel.clientTime().asText());
        Ping none = assertInstanceOf(Ping.class, parser.parse("{\"action\":\"ping\"}"));
        assertTrue(none.clientTime().isNull());
    }

    @Test
    void longClientValuesAreCutInTheErrorText() {
        String huge = "x".repeat(10_000);
        Invalid invalid = assertInstanceOf(Invalid.class,
                parser.parse("{\"action\":\"start_stream\",\"params\":{\"quality\":\"" + huge + "\"}}"));
        assertTrue(invalid.message().length() < 200, invalid.message());
    }

    @Test
    void aMessageOverTheLimitIsTooLargeEvenIfValid() {
        assertInstanceOf(Ping.class, parser.parse(ping(ClientMessageParser.MAX_MESSAGE_BYTES)), "at the limit");
        assertTooLarge(ping(ClientMessageParser.MAX_MESSAGE_BYTES + 1));
        assertTooLarge("{oops" + "x".repeat(200_000));
    }

    @Test
    void theLimitCountsBytesOfUtf8NotCharacters() {
        String prefix = "{\"action\":\"ping\",\"client_time\":\"";
        // Each euro sign is one char and three bytes.
        int euros = (ClientMessageParser.MAX_MESSAGE_BYTES - prefix.length() - 2) / 3;
        assertInstanceOf(Ping.class, parser.parse(prefix + "\u20ac".repeat(euros) + "\"}"));
        assertTooLarge(prefix + "\u20ac".repeat(euros + 1) + "\"}");
    }

    private void assertTooLarge(String text) {
        Invalid invalid = assertInstanceOf(Invalid.class, parser.parse(text));
        assertEquals(ErrorCode.INVALID_PARAMS, invalid.code());
        assertTrue(invalid.message().startsWith("message too large"), invalid.message());
        assertEquals(null, invalid.field());
    }

    /** A valid ping of exactly {@code bytes} bytes, padded with JSON whitespace. */
    private static String ping(int bytes) {
        String p = "{\"action\":\"ping\"}";
        return p + " ".repeat(bytes - p.length());
    }
}
