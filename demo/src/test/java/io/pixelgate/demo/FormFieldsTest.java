package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.demo.FormFields.Form;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    /** Shaped like the edge's preferences page: two forms, each with the same hidden fields. */
    private static final String PAGE = """
            <!DOCTYPE html><html lang="en"><head><title>Email tracking</title></head><body><main>
            <form method="post" action="/p/TOKEN" id="decision">
            <input type="hidden" name="wording" value="preferences-v1">
            <input type="hidden" name="csrf" value="a&amp;b=c">
            <div class="purpose"><input type="checkbox" name="purpose" value="OPEN_MEASUREMENT" id="p1"></div>
            <button type="submit" name="decision" value="accept">Accept</button>
            </form>
            <section class="withdraw"><form method="post" action="/p/TOKEN/withdraw" id="withdraw">
            <input type="hidden" name="wording" value="preferences-v1">
            <input type="hidden" name="csrf" value="Zm9v_YmFy-">
            <button type="submit" class="secondary" id="withdraw-all">Withdraw</button>
            </form></section></main></body></html>
            """;

    @Test
    void theWithdrawFormIsFoundWithItsHiddenFieldsAndNotItsButtonsOrCheckboxes() {
        // when the form posting to .../withdraw is read off the page
        final Optional<Form> form = FormFields.find(PAGE, "/withdraw");

        // then it has the action and exactly the hidden fields, in page order
        assertThat(form).hasValueSatisfying(withdraw -> {
            assertThat(withdraw.action()).isEqualTo("/p/TOKEN/withdraw");
            assertThat(withdraw.hidden()).containsExactly(Map.entry("wording", "preferences-v1"),
                    Map.entry("csrf", "Zm9v_YmFy-"));
        });
    }

    @Test
    void hiddenValuesAreUnescapedOnReadingAndUrlEncodedOnSending() {
        final Form decision = FormFields.find(PAGE, "/TOKEN").orElseThrow();

        assertThat(decision.hidden()).containsEntry("csrf", "a&b=c");
        assertThat(decision.body()).isEqualTo("wording=preferences-v1&csrf=a%26b%3Dc");
    }

    @Test
    void aPageWithoutTheFormHasNone() {
        assertThat(FormFields.find("<html><body><h1>Link expired</h1></body></html>", "/withdraw")).isEmpty();
    }

    @Test
    void theActionResolvesAgainstThePagesUrl() {
        final Form withdraw = FormFields.find(PAGE, "/withdraw").orElseThrow();

        assertThat(URI.create("http://localhost:8080/p/TOKEN").resolve(withdraw.action()))
                .hasToString("http://localhost:8080/p/TOKEN/withdraw");
    }

    @Test
    void theCookiesAPageSetAreSentBackAsNameValuePairsWithoutTheirAttributes() {
        final HttpHeaders headers = HttpHeaders.of(Map.of("Set-Cookie",
                List.of("pg_csrf=abc123; Path=/p/; HttpOnly; SameSite=Strict", "lang=en")), (name, value) -> true);

        assertThat(EdgeClient.cookies(headers)).contains("pg_csrf=abc123; lang=en");
        assertThat(EdgeClient.cookies(HttpHeaders.of(Map.of(), (name, value) -> true))).isEmpty();
    }
}
