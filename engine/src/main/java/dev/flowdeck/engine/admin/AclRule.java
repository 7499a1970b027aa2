package dev.flowdeck.engine.admin;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One ACL in the words of the console: who ({@code User:alice}) may or may not do what ({@code READ}) on which
 * resource ({@code TOPIC orders}, literal or by prefix) from which host ({@code *} for any).
 */
public record AclRule(String principal, String host, String operation, String permission, String resourceType,
                      String resourceName, String patternType) {

    /** Reads what a person typed; IllegalArgumentException names the field and the accepted values. */
    public static AclRule of(String principal, String host, String operation, String permission, String resourceType,
                             String resourceName, String patternType) {
        String p = principal == null ? "" : principal.strip();
        if (!p.matches("[A-Za-z]+:.+")) {
            throw new IllegalArgumentException("the principal '" + p + "' is not TYPE:NAME, e.g. User:alice or User:* for everyone");
        }
        String r = resourceName == null ? "" : resourceName.strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("the resource name is empty: give a topic or group name, a prefix, or * for all");
        }
        AclRule rule = new AclRule(p, host == null || host.isBlank() ? "*" : host.strip(),
                pick(AclOperation.class, operation, "operation"), pick(AclPermissionType.class, permission, "permission"),
                pick(ResourceType.class, resourceType, "resource type"),
                r, pick(PatternType.class, patternType == null || patternType.isBlank() ? "LITERAL" : patternType, "pattern type"));
        rule.binding(); // Kafka's own checks (e.g. ANY is only for filters)
        return rule;
    }

    static AclRule from(AclBinding b) {
        return new AclRule(b.entry().principal(), b.entry().host(), b.entry().operation().name(),
                b.entry().permissionType().name(), b.pattern().resourceType().name(), b.pattern().name(),
                b.pattern().patternType().name());
    }

    AclBinding binding() {
        try {
            return new AclBinding(new ResourcePattern(ResourceType.valueOf(resourceType), resourceName, PatternType.valueOf(patternType)),
                    new AccessControlEntry(principal, host, AclOperation.valueOf(operation), AclPermissionType.valueOf(permission)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("this ACL cannot be written: " + e.getMessage(), e);
        }
    }

    /** e.g. "ALLOW User:alice to READ topic orders (literal) from any host". */
    public String describe() {
        return permission + " " + principal + " to " + operation + " " + resourceType.toLowerCase(Locale.ROOT).replace('_', ' ')
                + " " + (resourceName.equals("*") ? "(all)" : resourceName) + " (" + patternType.toLowerCase(Locale.ROOT) + ")"
                + " from " + (host.equals("*") ? "any host" : host);
    }

    /** Does a filter text (any part, case-insensitive) appear in this rule? */
    public boolean mentions(String text) {
        return text == null || text.isBlank() || String.join(" ", principal, host, operation, permission, resourceType,
                resourceName, patternType).toLowerCase(Locale.ROOT).contains(text.strip().toLowerCase(Locale.ROOT));
    }

    private static <E extends Enum<E>> String pick(Class<E> type, String text, String what) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        try {
            E e = Enum.valueOf(type, t);
            if (e.name().equals("UNKNOWN") || e.name().equals("ANY")) {
                throw new IllegalArgumentException(e.name());
            }
            return e.name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).filter(n -> !n.equals("UNKNOWN") && !n.equals("ANY")).collect(Collectors.joining(", ")));
        }
    }
}
