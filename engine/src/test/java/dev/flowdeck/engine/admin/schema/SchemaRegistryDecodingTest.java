package dev.flowdeck.engine.admin.schema;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.flowdeck.engine.admin.BrowseRequest;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.MessageExport;
import dev.flowdeck.engine.admin.MessageFilter;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Avro and Protobuf records in the registry's wire format, on a real broker, against {@link FakeRegistry}. */
class SchemaRegistryDecodingTest {
    private static final String ORDER = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"region\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\"}]}";

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static FakeRegistry registry;
    static MessageBrowser browser;
    static Descriptors.Descriptor payment;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (String topic : List.of("orders", "payments", "unknown")) {
                Topics.ensure(admin, topic, 1, (short) 1, Map.of(), Duration.ofSeconds(30));
            }
        }
        registry = new FakeRegistry("reader", "s3cret");
        registry.register(1, "orders-value", "AVRO", ORDER, null);
        DescriptorProtos.FileDescriptorProto file = DescriptorProtos.FileDescriptorProto.newBuilder().setName("payment.proto")
                .setSyntax("proto3").setPackage("shop")
                .addMessageType(DescriptorProtos.DescriptorProto.newBuilder().setName("Payment")
                        .addField(field("id", 1, DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("cents", 2, DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32))
                        .addNestedType(DescriptorProtos.DescriptorProto.newBuilder().setName("Refund")
                                .addField(field("reason", 1, DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING))))
                .build();
        payment = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]).getMessageTypes().get(0);
        registry.register(2, "payments-value", "PROTOBUF", "syntax = \"proto3\"; package shop; message Payment { ... }", file.toByteArray());
        browser = new MessageBrowser(kafka);
        browser.registry(new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret")));
    }

    private static DescriptorProtos.FieldDescriptorProto.Builder field(String name, int number, DescriptorProtos.FieldDescriptorProto.Type type) {
        return DescriptorProtos.FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(DescriptorProtos.FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    private static void sendRaw(String topic, byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                p.send(new ProducerRecord<>(topic, "k".getBytes(), v)).get();
            }
        }
    }

    /** Confluent framing, written here by hand: magic 0, schema id, message indexes, payload. */
    private static byte[] framed(int id, byte[] indexes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        out.writeBytes(indexes);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Test
    void avroProducedWithAChosenSchemaIsDecodedFilteredAndExported() throws Exception {
        RegisteredSchema schema = new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret")).latest("orders-value");
        assertThat(schema.describe()).isEqualTo("AVRO schema 1 (orders-value v1)");
        browser.produce("orders", null, "o1", "{\"id\": 7, \"region\": \"eu-west\", \"amount\": 1500.5}", List.of(), schema);
        browser.produce("orders", null, "o2", "{\"id\": 8, \"region\": \"us-east\", \"amount\": 20}", List.of(), schema);

        List<KafkaMessage> all = browser.browse(BrowseRequest.from("orders", StartPosition.BEGINNING)).records();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).valueBytes()).as("binary Avro, not JSON text").isEqualTo(5 + 1 + 8 + 8);
        assertThat(all.get(0).value()).isEqualTo("{\"id\": 7, \"region\": \"eu-west\", \"amount\": 1500.5}");
        assertThat(all.get(0).valueSchema()).isEqualTo("AVRO schema 1");

        List<KafkaMessage> big = browser.browse(BrowseRequest.from("orders", StartPosition.BEGINNING)
                .filter(MessageFilter.expression("value.amount > 1000 && value.region == 'eu-west'"))).records();
        assertThat(big).extracting(KafkaMessage::key).containsExactly("o1");
        StringWriter out = new StringWriter();
        MessageExport.writeJsonLines(big, out);
        assertThat(out.toString()).contains("\"value\":{\"id\":7,\"region\":\"eu-west\",\"amount\":1500.5}")
                .contains("\"value_schema\":\"AVRO schema 1\"");

        assertThatThrownBy(() -> browser.produce("orders", null, "o3", "{\"id\": \"x\"}", List.of(), schema))
                .isInstanceOf(SchemaException.class).hasMessageContaining("does not fit AVRO schema 1");
    }

    @Test
    void protobufInConfluentFramingIsDecodedIncludingANestedMessage() throws Exception {
        DynamicMessage p = DynamicMessage.newBuilder(payment).setField(payment.findFieldByName("id"), "p1")
                .setField(payment.findFieldByName("cents"), 500).build();
        Descriptors.Descriptor refund = payment.getNestedTypes().get(0);
        DynamicMessage r = DynamicMessage.newBuilder(refund).setField(refund.findFieldByName("reason"), "damaged").build();
        // indexes [0] are written as one 0 byte; [0, 0] (Payment.Refund) as count 2, 0, 0 in zig-zag varints: 4, 0, 0
        sendRaw("payments", framed(2, new byte[] {0}, p.toByteArray()), framed(2, new byte[] {4, 0, 0}, r.toByteArray()));

        List<KafkaMessage> all = browser.browse(BrowseRequest.from("payments", StartPosition.BEGINNING)).records();
        assertThat(all).extracting(KafkaMessage::value).containsExactly("{\"id\":\"p1\",\"cents\":500}", "{\"reason\":\"damaged\"}");
        assertThat(all).extracting(KafkaMessage::valueSchema).containsOnly("PROTOBUF schema 2");
        assertThat(browser.browse(BrowseRequest.from("payments", StartPosition.BEGINNING)
                .filter(MessageFilter.expression("value.cents >= 500"))).records()).hasSize(1);

        RegisteredSchema schema = new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret")).latest("payments-value");
        browser.produce("payments", null, "k", "{\"id\":\"p2\",\"cents\":7}", List.of(), schema);
        assertThat(browser.browse(BrowseRequest.from("payments", StartPosition.END).limit(1)).records())
                .extracting(KafkaMessage::value).containsExactly("{\"id\":\"p2\",\"cents\":7}");
    }

    @Test
    void anUnknownIdOrBadCredentialsLeaveTheBytesAndSayWhy() throws Exception {
        sendRaw("unknown", framed(99, new byte[0], new byte[] {2, 4, 6}));
        KafkaMessage m = browser.browse(BrowseRequest.from("unknown", StartPosition.BEGINNING)).records().get(0);
        assertThat(m.value()).isEqualTo("0x0000000063020406");
        assertThat(m.valueSchema()).startsWith("not decoded: ").contains("has no schema 99");

        SchemaRegistry wrong = new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "wrong"));
        assertThatThrownBy(() -> wrong.schema(1)).isInstanceOf(SchemaException.class).hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("wrong");
        assertThat(new RegistrySettings(registry.url(), "reader", "s3cret").toString()).doesNotContain("s3cret");

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new SchemaRegistry(RegistrySettings.of("http://127.0.0.1:1")).subjects())
                .hasMessageContaining("cannot reach the Schema Registry at http://127.0.0.1:1");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(6_000);
        assertThat(new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret")).subjects())
                .containsExactlyInAnyOrder("orders-value", "payments-value");
    }

    @Test
    void eachSchemaIsFetchedOnce() throws Exception {
        SchemaRegistry client = new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret"));
        WireFormat wire = new WireFormat(client);
        byte[] bytes = wire.encode(client.schema(1), "{\"id\": 1, \"region\": \"x\", \"amount\": 1.0}");
        int before = registry.requests.get();
        for (int i = 0; i < 100; i++) {
            assertThat(wire.decode(bytes).json()).contains("\"region\": \"x\"");
        }
        assertThat(registry.requests.get() - before).isZero();
    }

    @Test
    void versionsOfASubjectAndABearerToken() throws Exception {
        try (FakeRegistry tokenOnly = FakeRegistry.withToken("tok-123")) {
            tokenOnly.register(7, "orders-value", "AVRO", ORDER, null);
            tokenOnly.register(8, "orders-value", "AVRO", ORDER.replace("\"Order\"", "\"OrderV2\""), null);
            SchemaRegistry client = new SchemaRegistry(new RegistrySettings(tokenOnly.url(), "", "", "tok-123"));
            assertThat(client.versions("orders-value")).containsExactly(1, 2);
            assertThat(client.version("orders-value", 1).id()).isEqualTo(7);
            assertThat(client.latest("orders-value")).satisfies(s -> {
                assertThat(s.id()).isEqualTo(8);
                assertThat(s.version()).isEqualTo(2);
            });
            assertThatThrownBy(() -> new SchemaRegistry(new RegistrySettings(tokenOnly.url(), "", "", "other")).subjects())
                    .hasMessageContaining("refused the credentials").hasMessageNotContaining("other");
            assertThat(new RegistrySettings(tokenOnly.url(), "", "", "tok-123").toString()).doesNotContain("tok-123");
        }
    }
}
