package io.nodedex.event.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The data model of the records generated from the event schema, ready to read them.
 *
 * <p>Since Avro 1.12.2 (AVRO-4189) Avro loads the class of every record and enum it reads by name
 * and refuses any class the global {@link ClassSecurityValidator} does not trust; by default that
 * includes the application's own generated records. The Avro release notes' remedy is a system
 * property or {@link ClassSecurityValidator#setGlobal}: this class takes the second, trusting
 * exactly the classes generated from the event schema on top of whatever the application already
 * trusts, and then resolves them all into the model's class cache, so that reading never consults
 * the validator again (an application that later replaces the global validator cannot break it).
 */
final class GeneratedRecords {

    private static boolean trusted;

    private GeneratedRecords() {
    }

    /** The model of {@code io.nodedex.avro}, with every class of {@code schema} resolved. */
    static SpecificData model(Schema schema) {
        Map<String, Schema> named = namedTypes(schema);
        trust(named);
        SpecificData model = SpecificData.getForClass(io.nodedex.avro.Event.class);
        for (Schema type : named.values()) {
            if (model.getClass(type) == null) {
                throw new IllegalStateException("no generated class for the event schema's " + type.getFullName());
            }
        }
        return model;
    }

    private static synchronized void trust(Map<String, Schema> named) {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
        named.keySet().forEach(ours::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
        trusted = true;
    }

    /** Every record, enum and fixed type {@code schema} defines, by full name. */
    static Map<String, Schema> namedTypes(Schema schema) {
        Map<String, Schema> named = new LinkedHashMap<>();
        collectNamed(schema, named);
        return named;
    }

    private static void collectNamed(Schema schema, Map<String, Schema> named) {
        switch (schema.getType()) {
            case RECORD -> {
                if (named.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collectNamed(field.schema(), named));
                }
            }
            case ENUM, FIXED -> named.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collectNamed(schema.getElementType(), named);
            case MAP -> collectNamed(schema.getValueType(), named);
            case UNION -> schema.getTypes().forEach(branch -> collectNamed(branch, named));
            default -> {
                // primitives name no class
            }
        }
    }
}
