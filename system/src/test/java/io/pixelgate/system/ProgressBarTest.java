package io.pixelgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theBarFillsInProportionAndShowsThePercentage() {
        for (int percent = 0; percent <= 100; percent++) {
            final String bar = ProgressBar.bar(percent / 100.0);
            final String inside = bar.substring(1, bar.indexOf(']'));
            assertThat(inside).hasSize(30).matches("#*\\.*");
            assertThat(inside.chars().filter(c -> c == '#').count()).isEqualTo(Math.round(percent * 0.3));
            assertThat(bar.substring(bar.indexOf(']') + 1).trim()).isEqualTo(percent + "%");
        }
    }

    @Test
    void aRenderedLineIsTheBarOfDoneOverTotal() {
        final String line = ProgressBar.render("producing", 250, 1000);
        assertThat(line).startsWith("producing ").contains(ProgressBar.bar(0.25)).endsWith(" 250/1,000");
        assertThat(ProgressBar.render("nothing to do", 0, 0)).contains(ProgressBar.bar(0));
        assertThat(ProgressBar.render("overshoot", 12, 10)).contains(ProgressBar.bar(1));
    }
}
