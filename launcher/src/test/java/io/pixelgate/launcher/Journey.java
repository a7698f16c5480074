package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.testkit.TopicReader;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What Pixelgate's users do, as the end-to-end checks drive them: a CRM's and a send service's JSON
 * records, a mail client's and a recipient's HTTP requests, a reader waiting for the outputs. Shared
 * by {@link EndToEndTest} (the system in one JVM) and the compose check (the system in containers),
 * so that both drive it alike.
 */
public final class Journey {

    /** How long an output may take to appear. */
    public static final Duration WAIT = Duration.ofSeconds(90);
    /** The html of every send: one link, so that a tracked send has one click URL. */
    public static final String HTML = "<html><body><p>Spring sale</p>"
            + "<a href=\"https://shop.example/sale\">Shop</a></body></html>";
    public static final String LINK_TARGET = "https://shop.example/sale";

    private static final Pattern LINK = Pattern.compile("href=\"(https?://[^\"]+/c/[^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String MAIL_CLIENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();

    /** A consent change from a CRM's signup checkbox, as JSON. */
    public static String consent(final String eventId, final String profileId, final String status,
                                 final String purposes, final Instant at) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\",\"purposes\":" + purposes
                + ",\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\",\"source\":\"crm\","
                + "\"method\":\"SIGNUP_CHECKBOX\",\"wordingVersion\":\"tracking-v3\"}";
    }

    /** A send request carrying {@link #HTML}, as JSON; {@code variant} may be null. */
    public static String send(final String messageId, final String profileId, final String campaign,
                              final String variant, final String category, final Instant at) {
        return send(messageId, profileId, campaign, variant, category, at, HTML);
    }

    /** A send request carrying {@code html}, as JSON; {@code variant} may be null. */
    public static String send(final String messageId, final String profileId, final String campaign,
                              final String variant, final String category, final Instant at, final String html) {
        return "{\"messageId\":\"" + messageId + "\",\"profileId\":\"" + profileId + "\",\"campaignId\":\"" + campaign
                + "\"," + (variant == null ? "" : "\"variant\":\"" + variant + "\",") + "\"category\":\"" + category
                + "\",\"requestedAt\":\"" + at + "\",\"html\":\"" + html.replace("\"", "\\\"") + "\"}";
    }

    /** A GET as a desktop mail client makes it, redirects not followed. */
    public HttpResponse<byte[]> get(final String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", MAIL_CLIENT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET from {@code agent}, its client address passed on by a trusted proxy (X-Forwarded-For). */
    public HttpResponse<byte[]> get(final String url, final String agent, final String forwardedFor)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", agent)
                .header("X-Forwarded-For", forwardedFor).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form POST, with the cookies earlier answers set. */
    public HttpResponse<byte[]> post(final String url, final String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The recipient opens the preferences page and presses its one-click withdrawal; the POST's answer. */
    public HttpResponse<byte[]> withdrawOnPreferencesPage(final String preferencesUrl)
            throws IOException, InterruptedException {
        final HttpResponse<byte[]> page = get(preferencesUrl);
        assertThat(page.statusCode()).as("GET of the preferences page").isEqualTo(200);
        final Matcher csrf = CSRF.matcher(new String(page.body(), StandardCharsets.UTF_8));
        assertThat(csrf.find()).as("the page has an anti-forgery field").isTrue();
        return post(preferencesUrl + "/withdraw", "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
    }

    /** The pixel answer SPEC.md section 3 promises. */
    public static void assertPixel(final HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    /** Every tracked link of a tracked send's html, in order. */
    public static List<String> links(final String html) {
        final Matcher link = LINK.matcher(html);
        final List<String> found = new ArrayList<>();
        while (link.find()) {
            found.add(link.group(1).replace("&amp;", "&"));
        }
        assertThat(found).as("tracked links in %s", html).isNotEmpty();
        return found;
    }

    /** The first tracked link of a tracked send's html. */
    public static String firstLink(final String html) {
        final Matcher link = LINK.matcher(html);
        assertThat(link.find()).as("a tracked link in %s", html).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    /** The first record that is {@code wanted}, waiting at most {@link #WAIT}. */
    public static <V extends SpecificRecord> ConsumerRecord<String, V> awaitAll(
            final TopicReader<V> reader, final Predicate<ConsumerRecord<String, V>> wanted) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> list.stream().anyMatch(wanted), WAIT);
        return read.stream().filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("no record as expected within " + WAIT + " among " + read));
    }

    /** The latest value for {@code key} once it is {@code wanted} (null for a tombstone), waiting at most {@link #WAIT}. */
    public static <V extends SpecificRecord> V awaitLatest(final TopicReader<V> reader,
                                                           final String key, final Predicate<V> wanted) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> latest(list, key)
                .map(r -> wanted.test(r.value())).orElse(false), WAIT);
        final ConsumerRecord<String, V> last = latest(read, key).filter(r -> wanted.test(r.value()))
                .orElseThrow(() -> new AssertionError("the latest record for " + key + " is not as expected within "
                        + WAIT + ": " + latest(read, key)));
        return last.value();
    }

    /** The latest value of each key, once at least {@code atLeast} keys were read (0: what is there within 3 s). */
    public static <V extends SpecificRecord> Map<String, V> latestByKey(final TopicReader<V> reader,
                                                                       final int atLeast) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> list.size() >= atLeast
                && list.stream().map(ConsumerRecord::key).distinct().count() >= atLeast, atLeast == 0
                ? Duration.ofSeconds(3) : WAIT);
        final Map<String, V> latest = new HashMap<>();
        read.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static <V> Optional<ConsumerRecord<String, V>> latest(final List<ConsumerRecord<String, V>> read,
                                                                  final String key) {
        ConsumerRecord<String, V> last = null;
        for (final ConsumerRecord<String, V> record : read) {
            if (record.key().equals(key)) {
                last = record;
            }
        }
        return Optional.ofNullable(last);
    }
}
