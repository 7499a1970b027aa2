package dev.flowdeck.engine.admin.schema;

/**
 * A schema as the registry holds it.
 *
 * @param type    AVRO, PROTOBUF or JSON (the registry omits it for Avro)
 * @param subject the subject it was looked up by, or empty when it was fetched by id
 * @param version 0 when fetched by id
 */
public record RegisteredSchema(int id, String type, String text, String subject, int version) {
    /** e.g. "AVRO schema 7 (orders-value v3)". */
    public String describe() {
        return type + " schema " + id + (subject.isEmpty() ? "" : " (" + subject + " v" + version + ")");
    }
}
