package org.ucv.itests.onvif;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The tests' own minimal SOAP 1.2 client, to check the double directly (auth, faults, XXE switch). */
public final class SoapProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SoapProbe() {
    }

    /**
     * @param url the service URL
     * @param bodyXml the request element, with its namespace declared
     * @param user null: no Security header
     * @param created the UsernameToken's Created
     * @return the HTTP answer
     */
    public static HttpResponse<String> call(String url, String bodyXml, String user, String password, Instant created)
            throws IOException, InterruptedException {
        String header = user == null ? "" : "<s:Header>" + WsSecurity.header(user, password, created) + "</s:Header>";
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Xml.SOAP + "\">" + header
                + "<s:Body>" + bodyXml + "</s:Body></s:Envelope>";
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
