package io.pixelgate.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading a form off a server-rendered page the way a browser would, and sending it back: the
 * preferences page's withdraw form carries hidden fields (an anti-forgery field, the wording
 * version) that must be returned as they are, with the cookie the page set.
 */
public final class FormFields {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*\"([^\"]*)\"");

    private FormFields() {
    }

    /** A form: where it posts and its hidden fields, in page order. */
    public record Form(String action, Map<String, String> hidden) {

        public Form {
            hidden = Collections.unmodifiableMap(new LinkedHashMap<>(hidden));
        }

        /** The hidden fields as an {@code application/x-www-form-urlencoded} body. */
        public String body() {
            return hidden.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
        }
    }

    /** The first form on {@code html} whose action ends with {@code actionSuffix}. */
    public static Optional<Form> find(final String html, final String actionSuffix) {
        final Matcher form = FORM.matcher(html);
        while (form.find()) {
            final Map<String, String> attributes = attributes(form.group(1));
            final String action = attributes.getOrDefault("action", "");
            if (action.endsWith(actionSuffix)) {
                final Map<String, String> hidden = new LinkedHashMap<>();
                final Matcher input = INPUT.matcher(form.group(2));
                while (input.find()) {
                    final Map<String, String> field = attributes(input.group(1));
                    if ("hidden".equalsIgnoreCase(field.get("type")) && field.containsKey("name")) {
                        hidden.put(field.get("name"), field.getOrDefault("value", ""));
                    }
                }
                return Optional.of(new Form(action, hidden));
            }
        }
        return Optional.empty();
    }

    /** The text of an HTML attribute value: character references decoded. */
    public static String unescape(final String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
    }

    private static Map<String, String> attributes(final String tag) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            attributes.put(attribute.group(1).toLowerCase(Locale.ROOT), unescape(attribute.group(2)));
        }
        return attributes;
    }

    private static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
