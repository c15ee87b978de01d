package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SafeXmlTest {
    @TempDir
    Path dir;

    @Test
    void xxeWithAFileEntityIsRefusedAndTheFileNotRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String xml = Samples.text("Xxe.xml", Map.of("entity", secret.toUri().toString()));
        SafeXml.XmlException e = assertThrows(SafeXml.XmlException.class,
                () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1 << 16));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void theBriefsEtcPasswdPayloadIsRefused() {
        String xml = Samples.text("Xxe.xml", Map.of("entity", "file:///etc/passwd"));
        SafeXml.XmlException e = assertThrows(SafeXml.XmlException.class,
                () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1 << 16));
        assertFalse(e.getMessage().contains("root:"));
    }

    /**
     * UTF-16 hides the DOCTYPE from the quick look before parsing: the parser's own features must
     * refuse it, and the external entity (an http URL to a socket of ours) must not be fetched.
     */
    @Test
    void theParserItselfRefusesADoctypeAndFetchesNothing() throws IOException {
        try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + canary.getLocalPort() + "/x";
            String xml = Samples.text("Xxe.xml", Map.of("entity", url)).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
            byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16);
            assertFalse(SafeXml.hasDoctype(utf16), "the quick look does not see UTF-16");
            assertThrows(SafeXml.XmlException.class, () -> SafeXml.parse(utf16, 1 << 16));
            assertNoConnection(canary);
        }
    }

    @Test
    void externalParameterEntityAndXIncludeFetchNothing() throws Exception {
        try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + canary.getLocalPort() + "/x";
            String pe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><r/>";
            assertThrows(SafeXml.XmlException.class, () -> SafeXml.parse(pe.getBytes(StandardCharsets.UTF_8), 1 << 16));
            String xi = "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url + "\"/></r>";
            Document doc = SafeXml.parse(xi.getBytes(StandardCharsets.UTF_8), 1 << 16);
            // XInclude is off: the element stays an element, nothing is fetched
            assertEquals(1, SafeXml.children(doc.getDocumentElement(), "include").size());
            assertNoConnection(canary);
        }
    }

    @Test
    void internalEntityExpansionIsRefused() {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                + "<lolz>&lol2;</lolz>";
        assertThrows(SafeXml.XmlException.class, () -> SafeXml.parse(lol.getBytes(StandardCharsets.UTF_8), 1 << 16));
    }

    @Test
    void doctypeAfterCommentsAndProcessingInstructionsIsSeen() {
        String xml = "\uFEFF<?xml version=\"1.0\"?>\n<!-- a comment -->\n<?pi x?>\n<!doctype r><r/>";
        assertTrue(SafeXml.hasDoctype(xml.getBytes(StandardCharsets.UTF_8)));
        assertFalse(SafeXml.hasDoctype("<r><![CDATA[<!DOCTYPE]]></r>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sizeIsBoundedBeforeParsing() {
        byte[] big = ("<r>" + "x".repeat(5000) + "</r>").getBytes(StandardCharsets.UTF_8);
        SafeXml.XmlException e = assertThrows(SafeXml.XmlException.class, () -> SafeXml.parse(big, 4096));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void notWellFormedIsAnError() {
        assertThrows(SafeXml.XmlException.class, () -> SafeXml.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8), 100));
    }

    @Test
    void walksByLocalNameWhateverThePrefix() throws Exception {
        Element r = Samples.response("GetDeviceInformation.xml");
        assertEquals("GetDeviceInformationResponse", r.getLocalName());
        assertEquals("IPC-2000 & Co", SafeXml.text(r, "Model").orElseThrow());
        assertTrue(SafeXml.text(r, "Nothing").isEmpty());
        assertTrue(SafeXml.descendant(r.getOwnerDocument().getDocumentElement(), "SerialNumber").isPresent());
    }

    @Test
    void escapesMarkupAndDropsControlCharacters() {
        assertEquals("a&amp;b&lt;c&gt;&quot;&apos;d", SafeXml.escape("a&b<c>\"'\u0001d"));
        assertEquals("", SafeXml.escape(null));
    }

    private static void assertNoConnection(ServerSocket canary) throws IOException {
        // Parsing is synchronous: a fetch would have connected (the backlog accepts) before it returned.
        canary.setSoTimeout(1);
        assertThrows(SocketTimeoutException.class, canary::accept, "the parser connected to the canary");
    }
}
