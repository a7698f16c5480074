package io.pixelgate.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntToLongFunction;

/**
 * Times issuing and opening tokens on one warm thread, outside Kafka: the old version 1 code
 * ({@link V1ReferenceCodec}) against the current {@link TokenCodec}, on the same inputs, in the
 * same run, rounds interleaved so that the machine's drift touches every figure alike. Prints the
 * minimum, median and maximum µs per token over the rounds. A tool to run by hand, not a test:
 *
 * <pre>
 *   ./mvnw -q -pl tokens test-compile exec:java [-Dexec.args="--warm-up 3 --rounds 7 --calls 200000"]
 *   java -cp tokens/target/classes:tokens/target/test-classes io.pixelgate.tokens.TokenTiming
 * </pre>
 */
public final class TokenTiming {

    private static final int DISTINCT_INPUTS = 1024;
    private static final long SENT_AT = 1_795_082_700_000L;

    private final int warmUpRounds;
    private final int rounds;
    private final int calls;
    // written by every call, read once: keeps the JIT from dropping work whose result is unused
    private long sink;

    private TokenTiming(final int warmUpRounds, final int rounds, final int calls) {
        this.warmUpRounds = warmUpRounds;
        this.rounds = rounds;
        this.calls = calls;
    }

    public static void main(final String[] args) {
        final int warmUpRounds = intOption(args, "--warm-up", 3);
        final int rounds = intOption(args, "--rounds", 7);
        final int calls = intOption(args, "--calls", 200_000);
        if (warmUpRounds < 0 || rounds < 1 || calls < DISTINCT_INPUTS) {
            throw new IllegalArgumentException("--warm-up must be 0 or more, --rounds 1 or more and --calls "
                    + DISTINCT_INPUTS + " or more");
        }
        final TokenTiming timing = new TokenTiming(warmUpRounds, rounds, calls);
        System.out.printf("token timing: %d rounds of %,d calls per operation after %d warm-up rounds, one thread, Java %s%n",
                rounds, calls, warmUpRounds, System.getProperty("java.version"));
        System.out.printf("%-8s %-34s %8s %8s %8s%n", "claims", "operation", "min µs", "median", "max");
        timing.report("pixel", personalPixels());
        timing.report("mixed", mixedClaims());
        System.out.println("(sink " + (timing.sink & 0xF) + ")");
    }

    private void report(final String workload, final List<Claims> claims) {
        final TokenKeys keys = TokenKeys.generate("k1");
        final TokenCodec codec = new TokenCodec(keys);
        final V1ReferenceCodec v1 = new V1ReferenceCodec(keys);
        final String[] v1Tokens = claims.stream().map(v1::issue).toArray(String[]::new);
        final String[] tokens = claims.stream().map(codec::issue).toArray(String[]::new);
        final Claims[] inputs = claims.toArray(Claims[]::new);
        final List<Operation> operations = List.of(
                new Operation("issue v1, old code", i -> v1.issue(inputs[i]).length()),
                new Operation("open  v1, old code", i -> System.identityHashCode(v1.open(v1Tokens[i]))),
                new Operation("open  v1, current codec", i -> System.identityHashCode(codec.open(v1Tokens[i]))),
                new Operation("issue current (v" + version(tokens[0]) + ")", i -> codec.issue(inputs[i]).length()),
                new Operation("open  current (v" + version(tokens[0]) + ")", i -> System.identityHashCode(codec.open(tokens[i]))));
        for (int round = 0; round < warmUpRounds; round++) {
            operations.forEach(this::time);
        }
        final double[][] perRound = new double[operations.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int op = 0; op < operations.size(); op++) {
                perRound[op][round] = time(operations.get(op));
            }
        }
        for (int op = 0; op < operations.size(); op++) {
            final double[] sorted = perRound[op].clone();
            Arrays.sort(sorted);
            System.out.printf("%-8s %-34s %8.2f %8.2f %8.2f%n", workload, operations.get(op).name(),
                    sorted[0], median(perRound[op]), sorted[sorted.length - 1]);
        }
        System.out.printf("%-8s current / old code, median of the rounds' ratios: issue %.2f, open %.2f%n", workload,
                median(ratios(perRound[3], perRound[0])), median(ratios(perRound[4], perRound[1])));
    }

    /** Each round's figure over the same round's baseline: drift between rounds cancels out. */
    private static double[] ratios(final double[] figures, final double[] baseline) {
        final double[] ratios = new double[figures.length];
        for (int round = 0; round < figures.length; round++) {
            ratios[round] = figures[round] / baseline[round];
        }
        return ratios;
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** µs per call over one round. */
    private double time(final Operation operation) {
        final long start = System.nanoTime();
        long result = 0;
        for (int i = 0; i < calls; i++) {
            result += operation.call().applyAsLong(i % DISTINCT_INPUTS);
        }
        final long elapsed = System.nanoTime() - start;
        sink += result;
        return elapsed / 1_000.0 / calls;
    }

    private static int version(final String token) {
        return java.util.Base64.getUrlDecoder().decode(token)[0];
    }

    /** Personal pixels with UUID message and profile ids: the token of almost every hit. */
    private static List<Claims> personalPixels() {
        final Random random = new Random(13);
        final List<Claims> claims = new ArrayList<>(DISTINCT_INPUTS);
        for (int i = 0; i < DISTINCT_INPUTS; i++) {
            claims.add(new PersonalPixel(message(random, i)));
        }
        return claims;
    }

    /** Every kind in turn, as one send issues them: pixel, anonymous pixel, link, preferences. */
    private static List<Claims> mixedClaims() {
        final Random random = new Random(31);
        final List<Claims> claims = new ArrayList<>(DISTINCT_INPUTS);
        for (int i = 0; i < DISTINCT_INPUTS; i++) {
            final MessageIdentity message = message(random, i);
            claims.add(switch (i % 4) {
                case 0 -> new PersonalPixel(message);
                case 1 -> new AnonymousPixel(message.campaign());
                case 2 -> new Link(message, i % 7, "https://shop.example/products/" + i + "?utm_source=email");
                default -> new Preferences(message.profileId(), "default");
            });
        }
        return claims;
    }

    private static MessageIdentity message(final Random random, final int i) {
        final CampaignIdentity campaign = new CampaignIdentity("spring-sale-2026", i % 2 == 0 ? "A" : "B", "default");
        return new MessageIdentity(uuid(random), uuid(random), campaign, IdentifiedMode.PERSONAL, SENT_AT + i);
    }

    private static String uuid(final Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static int intOption(final String[] args, final String name, final int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private record Operation(String name, IntToLongFunction call) {
    }
}
