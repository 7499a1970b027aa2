package dev.flowdeck.engine.admin.schema;

import com.google.protobuf.AnyProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DurationProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.google.protobuf.util.JsonFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and writes records in the Schema Registry wire format: a zero magic byte, the schema id (4 bytes, big
 * endian), for Protobuf the message indexes (zig-zag varints; a single 0 for the file's first message), then the Avro
 * binary or Protobuf encoding. Decoded records become JSON text, so the rest of Flowdeck (filters, masking, export)
 * treats them like JSON records. Uses Apache Avro and protobuf-java only: Confluent's serializers are not needed.
 */
public final class WireFormat {
    private static final byte MAGIC = 0;
    private static final Map<String, Descriptors.FileDescriptor> WELL_KNOWN = Stream.of(AnyProto.getDescriptor(),
                    ApiProto.getDescriptor(), DurationProto.getDescriptor(), EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(),
                    SourceContextProto.getDescriptor(), StructProto.getDescriptor(), TimestampProto.getDescriptor(),
                    TypeProto.getDescriptor(), WrappersProto.getDescriptor())
            .collect(Collectors.toMap(Descriptors.FileDescriptor::getName, Function.identity()));

    private final SchemaRegistry registry;
    private final Map<Integer, Schema> avro = new ConcurrentHashMap<>();
    private final Map<Integer, Descriptors.FileDescriptor> protobuf = new ConcurrentHashMap<>();

    public WireFormat(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** A record decoded to JSON text, and the schema that decoded it. */
    public record Decoded(String json, RegisteredSchema schema) {
    }

    /** Bytes that start like the wire format (whether the id exists is for the registry to say). */
    public static boolean looksLike(byte[] bytes) {
        return bytes != null && bytes.length >= 5 && bytes[0] == MAGIC;
    }

    public static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /**
     * Decodes wire-format bytes to JSON.
     *
     * @throws SchemaException naming the schema id and what went wrong (unknown id, registry unreachable, bytes that
     *                        do not fit the schema)
     */
    public Decoded decode(byte[] bytes) {
        int id = schemaId(bytes);
        RegisteredSchema schema = registry.schema(id);
        try {
            return switch (schema.type()) {
                case "AVRO" -> new Decoded(decodeAvro(avroSchema(schema), bytes), schema);
                case "PROTOBUF" -> new Decoded(decodeProtobuf(id, bytes), schema);
                case "JSON" -> new Decoded(new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8), schema);
                default -> throw new SchemaException("schema " + id + " is of type " + schema.type() + ", which Flowdeck cannot decode");
            };
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SchemaException("the record does not fit " + schema.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Encodes JSON text with a schema into the wire format, for producing.
     *
     * @throws SchemaException saying which field does not fit the schema
     */
    public byte[] encode(RegisteredSchema schema, String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schema.id()).array());
        try {
            switch (schema.type()) {
                case "AVRO" -> {
                    Schema s = avroSchema(schema);
                    Object datum = new GenericDatumReader<>(s).read(null, DecoderFactory.get().jsonDecoder(s, json));
                    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                    new GenericDatumWriter<>(s).write(datum, encoder);
                    encoder.flush();
                }
                case "PROTOBUF" -> {
                    Descriptors.Descriptor d = fileDescriptor(schema.id()).getMessageTypes().get(0);
                    DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
                    JsonFormat.parser().merge(json, b);
                    out.write(0); // message indexes [0]: the file's first message
                    out.writeBytes(b.build().toByteArray());
                }
                case "JSON" -> out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
                default -> throw new SchemaException("cannot write with a " + schema.type() + " schema");
            }
        } catch (IOException | AvroRuntimeException e) {
            throw new SchemaException("the value does not fit " + schema.describe() + ": " + e.getMessage()
                    + ". Write it as JSON with the schema's fields" + (schema.type().equals("AVRO")
                    ? " (Avro's JSON form: a union value as {\"type\": value})" : ""), e);
        }
        return out.toByteArray();
    }

    private Schema avroSchema(RegisteredSchema schema) {
        return avro.computeIfAbsent(schema.id(), id -> {
            try {
                return new Schema.Parser().parse(schema.text());
            } catch (SchemaParseException e) {
                throw new SchemaException("schema " + id + " in the registry is not a valid Avro schema: " + e.getMessage(), e);
            }
        });
    }

    private static String decodeAvro(Schema schema, byte[] bytes) throws IOException {
        Object datum = new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        return GenericData.get().toString(datum);
    }

    private String decodeProtobuf(int id, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes, 5, bytes.length - 5);
        int count = zigZagVarint(buf);
        List<Integer> indexes = new ArrayList<>();
        if (count == 0) {
            indexes.add(0);
        }
        for (int i = 0; i < count; i++) {
            indexes.add(zigZagVarint(buf));
        }
        Descriptors.Descriptor d = fileDescriptor(id).getMessageTypes().get(indexes.get(0));
        for (int i = 1; i < indexes.size(); i++) {
            d = d.getNestedTypes().get(indexes.get(i));
        }
        DynamicMessage m = DynamicMessage.parseFrom(d, CodedInputStream.newInstance(bytes, buf.position(), buf.remaining()));
        return JsonFormat.printer().omittingInsignificantWhitespace().preservingProtoFieldNames().print(m);
    }

    private Descriptors.FileDescriptor fileDescriptor(int id) {
        return protobuf.computeIfAbsent(id, i -> {
            try {
                DescriptorProtos.FileDescriptorProto proto = DescriptorProtos.FileDescriptorProto.parseFrom(registry.protobufDescriptor(i));
                List<Descriptors.FileDescriptor> deps = new ArrayList<>();
                for (String dep : proto.getDependencyList()) {
                    Descriptors.FileDescriptor known = WELL_KNOWN.get(dep);
                    if (known == null) {
                        throw new SchemaException("schema " + i + " imports " + dep + ": Flowdeck reads Protobuf schemas that import "
                                + "only Google's well-known types");
                    }
                    deps.add(known);
                }
                return Descriptors.FileDescriptor.buildFrom(proto, deps.toArray(new Descriptors.FileDescriptor[0]));
            } catch (InvalidProtocolBufferException | Descriptors.DescriptorValidationException e) {
                throw new SchemaException("schema " + i + " in the registry is not a valid Protobuf descriptor: " + e.getMessage(), e);
            }
        });
    }

    private static int zigZagVarint(ByteBuffer buf) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = buf.get();
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 35);
        return (value >>> 1) ^ -(value & 1);
    }
}
