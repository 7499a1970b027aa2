package dev.flowdeck.engine.admin;

/**
 * One configuration of a broker or a topic as the cluster reports it.
 *
 * @param value    null when unset; {@code ********} for a sensitive one (Kafka never returns those)
 * @param source   where the value comes from: default, static (server.properties), dynamic (set at run time, for
 *                 this broker, all brokers, or this topic)
 * @param readOnly changing it needs a restart with a new server.properties
 * @param defaultValue Kafka's built-in default (null when it has none or the cluster does not say)
 * @param documentation what the setting does, in Kafka's words (empty when the cluster does not say)
 */
public record ConfigValue(String name, String value, String source, boolean readOnly, boolean sensitive,
                          String defaultValue, String documentation) {
    public boolean isDefault() {
        return source.equals("default");
    }
}
