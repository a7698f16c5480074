package io.pixelgate.demo;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.SendCategory;
import io.pixelgate.system.ProgressBar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The live view as text: a pure function of what the simulator did ({@link DemoCounters.Snapshot})
 * and what the applications published ({@link OutputState.Outputs}), at most {@value #WIDTH} columns wide.
 *
 * <p>Rates are those a campaign manager reads, on personal sends only (the only ones counted per
 * message): unique open rate = uniqueOpens / sentPersonal (Apple's prefetch included, as every
 * open-rate tool that cannot tell it apart would), human open rate = uniqueHumanOpens /
 * sentPersonal, click-to-open = uniqueClicks / uniqueOpens.
 */
public final class Dashboard {

    /** Campaign rows shown at most; the most recent campaigns are kept, the fixed ones always. */
    static final int MAX_ROWS = 12;
    /** Width of a frame, in columns. */
    static final int WIDTH = 108;
    private static final int NAME = 15;
    private static final String ROW = "%-15s|%7s%7s%7s%7s%7s |%7s%8s |%7s%8s |%7s%7s%7s";
    private static final Set<String> ALWAYS_LAST = Set.of(Campaigns.ORDER_CONFIRMATION.id(),
            Campaigns.CONSENT_REQUEST.id());

    private Dashboard() {
    }

    /** Where the demo is in its run. */
    public enum Phase { STARTING, SENDING, DRAINING, STOPPED }

    /**
     * Everything a frame shows.
     *
     * @param profiles  population size
     * @param rate      sends per second asked for
     * @param edgeUrl   the edge's base URL
     * @param logFile   where the applications' logs go, or null when they go to stderr
     * @param phase     where the run is
     * @param elapsed   time since the simulation started
     * @param duration  how long it runs, or null for until stopped
     * @param planned   sends planned, or -1 for no limit
     * @param counters  what the simulator did
     * @param outputs   what the applications published
     */
    public record Model(int profiles, double rate, String edgeUrl, String logFile, Phase phase, Duration elapsed,
                        Duration duration, long planned, DemoCounters.Snapshot counters, OutputState.Outputs outputs) {
    }

    /** The frame's lines. */
    public static List<String> frame(final Model m) {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Pixelgate demo | %s profiles | %s sends/s | edge %s | Ctrl-C stops",
                n(m.profiles()), trim(m.rate()), m.edgeUrl()));
        lines.add(progress(m));
        lines.add("");
        simulator(m.counters(), m.outputs(), lines);
        consent(m.counters(), m.outputs(), lines);
        lines.add("");
        campaigns(m.outputs().campaigns(), lines);
        lines.add("");
        footer(m, lines);
        return lines;
    }

    /** What the simulator sent and requested. */
    private static void simulator(final DemoCounters.Snapshot c, final OutputState.Outputs o, final List<String> lines) {
        lines.add(String.format(Locale.ROOT, "Sends     marketing %s | transactional %s | consent requests %s | "
                        + "delivered %s (%s on the way)",
                n(c.sends().get(SendCategory.MARKETING)), n(c.sends().get(SendCategory.TRANSACTIONAL)),
                n(c.sends().get(SendCategory.CONSENT_REQUEST)), n(c.deliveredTotal()),
                n(Math.max(0, c.sendsTotal() - c.deliveredTotal()))));
        lines.add(String.format(Locale.ROOT, "HTTP      %s requests | %s pending | %s errors | rejected hits "
                        + "(invalid tokens) %s",
                n(c.requestsTotal()), n(c.pending()), n(c.errors()), n(o.rejectedHits())));
        lines.add("          " + requests(c));
    }

    /** Consent coverage from consent-state, the CRM's and the preference page's changes, the purge log. */
    private static void consent(final DemoCounters.Snapshot c, final OutputState.Outputs o, final List<String> lines) {
        final OutputState.Coverage coverage = o.coverage();
        lines.add(String.format(Locale.ROOT, "Consent   OPEN_MEASUREMENT granted %s of %s (%s) | refused %s | "
                        + "no answer %s",
                n(coverage.granted()), n(coverage.total()), pct(coverage.grantedShare()), n(coverage.refused()),
                n(coverage.unknown())));
        lines.add(String.format(Locale.ROOT, "          CRM grants %s | refusals %s | withdrawals on preferences page "
                        + "%s | purges %s",
                n(c.crm().get(ConsentStatus.GRANTED)), n(c.crm().get(ConsentStatus.DENIED)), n(c.withdrawals()),
                n(o.purges())));
    }

    /** The campaign-stats table, one row per campaign key, and their total. */
    private static void campaigns(final List<CampaignStats> campaigns, final List<String> lines) {
        lines.add(String.format(Locale.ROOT, "%-15s|%-36s|%-16s|%-16s|%s", "", "   sends, by tracking mode",
                "  opens", "  clicks", "  unique rates"));
        lines.add(String.format(Locale.ROOT, ROW, "campaign", "sent", "person", "anon", "deliv", "none",
                "human", "machine", "human", "machine", "open%", "human%", "CTO%"));
        final List<CampaignStats> rows = rows(campaigns);
        if (rows.size() < campaigns.size()) {
            lines.add(String.format(Locale.ROOT, "  ... %d earlier rows", campaigns.size() - rows.size()));
        }
        rows.forEach(row -> lines.add(row(name(row), row)));
        if (campaigns.isEmpty()) {
            lines.add("  (no campaign-stats yet)");
        } else {
            lines.add(row("all", total(campaigns)));
        }
    }

    private static void footer(final Model m, final List<String> lines) {
        final PurgeRecord purge = m.outputs().lastPurge();
        if (purge != null) {
            lines.add(cut(String.format(Locale.ROOT, "Last purge: %s %s, %s", purge.getProfileId(),
                    purge.getPurposes(), purge.getReason()), WIDTH));
        }
        if (m.counters().lastError() != null) {
            lines.add(cut("Last error: " + m.counters().lastError(), WIDTH));
        }
        lines.add("Rates of personal sends: open% unique opens, machines' included | human% unique human opens");
        lines.add("CTO% unique clicks / unique opens | machines: Apple's proxy, scanners, link bursts, "
                + "hits at delivery");
        if (m.logFile() != null) {
            lines.add("Logs: " + m.logFile());
        }
    }

    /** One line for a log or a pipe, where a redrawn frame would be noise. */
    public static String summary(final Model m) {
        final DemoCounters.Snapshot c = m.counters();
        final OutputState.Outputs o = m.outputs();
        final CampaignStats all = total(o.campaigns());
        return String.format(Locale.ROOT, "demo %s %s sent=%s delivered=%s http=%s errors=%s consent=%s purges=%s "
                        + "humanOpens=%s machineOpens=%s clicks=%s uniqueOpens=%s uniqueClicks=%s open=%s cto=%s",
                m.phase().name().toLowerCase(Locale.ROOT), clock(m), c.sendsTotal(), c.deliveredTotal(),
                c.requestsTotal(), c.errors(), pct(o.coverage().grantedShare()), o.purges(), all.getHumanOpens(),
                all.getMachineOpens(), all.getClicks(), all.getUniqueOpens(), all.getUniqueClicks(),
                pct(ratio(all.getUniqueOpens(), all.getSentPersonal())),
                pct(ratio(all.getUniqueClicks(), all.getUniqueOpens())));
    }

    /**
     * The rows shown: marketing campaigns in the order they appeared (the latest ones, up to
     * {@value #MAX_ROWS} rows in all), then order confirmations and consent requests.
     */
    static List<CampaignStats> rows(final List<CampaignStats> campaigns) {
        final List<CampaignStats> marketing = campaigns.stream()
                .filter(row -> !ALWAYS_LAST.contains(row.getCampaignId())).toList();
        final List<CampaignStats> fixed = campaigns.stream()
                .filter(row -> ALWAYS_LAST.contains(row.getCampaignId()))
                .sorted(Comparator.comparing(CampaignStats::getCampaignId).reversed()).toList();
        final int room = Math.max(1, MAX_ROWS - fixed.size());
        final List<CampaignStats> shown = new ArrayList<>(marketing.subList(Math.max(0, marketing.size() - room),
                marketing.size()));
        shown.addAll(fixed);
        return shown;
    }

    /** Every counter summed over {@code campaigns}. */
    static CampaignStats total(final List<CampaignStats> campaigns) {
        final CampaignStats sum = CampaignStats.newBuilder().setCampaignId("all").setUpdatedAt(Instant.EPOCH)
                .build();
        for (final CampaignStats row : campaigns) {
            for (final Schema.Field field : CampaignStats.getClassSchema().getFields()) {
                if (sum.get(field.pos()) instanceof Long total) {
                    sum.put(field.pos(), total + (Long) row.get(field.pos()));
                }
            }
        }
        return sum;
    }

    static double ratio(final long part, final long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static String row(final String name, final CampaignStats s) {
        return String.format(Locale.ROOT, ROW, cut(name, NAME), cell(s.getSent()), cell(s.getSentPersonal()),
                cell(s.getSentAnonymous()), cell(s.getSentDeliverability()), cell(s.getSentNone()),
                cell(s.getHumanOpens()), cell(s.getMachineOpens()), cell(s.getHumanClicks()), cell(s.getMachineClicks()),
                pct(ratio(s.getUniqueOpens(), s.getSentPersonal())),
                pct(ratio(s.getUniqueHumanOpens(), s.getSentPersonal())),
                pct(ratio(s.getUniqueClicks(), s.getUniqueOpens())));
    }

    /** The campaign and its variant; a long campaign id is cut, never the variant. */
    private static String name(final CampaignStats row) {
        final String variant = row.getVariant() == null ? "" : " " + row.getVariant();
        return cut(row.getCampaignId(), Math.max(4, NAME - variant.length())) + variant;
    }

    private static String progress(final Model m) {
        final String state = switch (m.phase()) {
            case STARTING -> "starting";
            case SENDING -> "sending";
            case DRAINING -> "all sent, waiting for late opens";
            case STOPPED -> "stopped";
        };
        if (m.duration() == null) {
            return String.format(Locale.ROOT, "%s elapsed | %s sends | %s", clock(m), n(m.counters().sendsTotal()),
                    m.phase() == Phase.SENDING ? "sending until Ctrl-C" : state);
        }
        final double done = m.planned() <= 0 ? 0 : Math.min(1, (double) m.counters().sendsTotal() / m.planned());
        return String.format(Locale.ROOT, "%s %s | %s of %s sends | %s", ProgressBar.bar(done), clock(m),
                n(m.counters().sendsTotal()), n(m.planned()), state);
    }

    private static String clock(final Model m) {
        return Durations.clock(m.elapsed()) + (m.duration() == null ? "" : "/" + Durations.clock(m.duration()));
    }

    private static String requests(final DemoCounters.Snapshot c) {
        final StringBuilder text = new StringBuilder();
        for (final Actor actor : Actor.values()) {
            if (text.length() > 0) {
                text.append(" | ");
            }
            text.append(actor.shortLabel()).append(' ').append(n(c.requests().getOrDefault(actor, 0L)));
        }
        return text.toString();
    }

    private static String n(final Long value) {
        return String.format(Locale.ROOT, "%,d", value == null ? 0 : value);
    }

    private static String n(final long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A count in at most 6 characters: 99,999, then 1234k, then 1234M. */
    static String cell(final long value) {
        if (value < 100_000) {
            return n(value);
        }
        return value < 10_000_000 ? value / 1000 + "k" : value / 1_000_000 + "M";
    }

    private static String pct(final double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String trim(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String cut(final String text, final int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
