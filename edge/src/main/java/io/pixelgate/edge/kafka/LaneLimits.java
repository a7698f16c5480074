package io.pixelgate.edge.kafka;

/**
 * How much one lane holds while Kafka has not acknowledged it.
 *
 * @param records        the most records
 * @param bytes          the most bytes, as estimated by {@link RecordSize} when a record is offered
 * @param recordsSetting the setting that sets {@code records}, named when the lane is full
 * @param bytesSetting   the setting that sets {@code bytes}
 */
public record LaneLimits(int records, long bytes, String recordsSetting, String bytesSetting) {

    public LaneLimits {
        if (records < 1 || bytes < 1) {
            throw new IllegalArgumentException("a lane holds at least one record and one byte");
        }
    }
}
