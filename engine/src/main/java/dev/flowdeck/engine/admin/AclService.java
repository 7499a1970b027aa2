package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The cluster's ACLs: listed and filtered, created and deleted, each change previewed first. A cluster without an
 * authorizer has no ACLs; listing then says how to turn one on. Blocking: run off the UI thread.
 */
public final class AclService implements AutoCloseable {
    /** How long a created or deleted ACL may take to show in the broker's listing before the call returns anyway. */
    static final long VISIBLE_WITHIN_MS = 5_000;
    private final Admin admin;

    public AclService(KafkaSettings kafka) {
        this.admin = KafkaClients.createAdmin(kafka, "flowdeck-admin-acls");
    }

    /** Every ACL that mentions {@code text} (principal, resource, operation, ...; blank for all). */
    public List<AclRule> list(String text) {
        Collection<AclBinding> all;
        try {
            all = KafkaCalls.await(admin.describeAcls(AclBindingFilter.ANY).values(), "cannot list the ACLs");
        } catch (AdminException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                throw new AdminException("this cluster has no authorizer, so no ACLs: set authorizer.class.name="
                        + "org.apache.kafka.metadata.authorizer.StandardAuthorizer on the brokers to use them", e);
            }
            throw e;
        }
        List<AclRule> out = new ArrayList<>();
        for (AclBinding b : all) {
            AclRule r = AclRule.from(b);
            if (r.mentions(text)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(AclRule::resourceType).thenComparing(AclRule::resourceName).thenComparing(AclRule::principal)
                .thenComparing(AclRule::operation));
        return out;
    }

    public ChangePreview previewCreate(AclRule rule) {
        String action = "Create the ACL: " + rule.describe();
        List<AclRule> existing;
        try {
            existing = list("");
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        if (existing.contains(rule)) {
            return ChangePreview.blocked(action, "this ACL exists already");
        }
        List<String> effects = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        effects.add(rule.principal() + (rule.permission().equals("ALLOW") ? " may " : " may not ") + rule.operation()
                + " " + rule.resourceType().toLowerCase() + " " + rule.resourceName()
                + (rule.patternType().equals("PREFIXED") ? " and every one whose name starts with it" : ""));
        if (existing.stream().noneMatch(r -> r.resourceType().equals(rule.resourceType()))) {
            warnings.add("the first ACL on a " + rule.resourceType().toLowerCase() + ": unless allow.everyone.if.no.acl.found is true, "
                    + "every other principal loses access to matching resources");
        }
        if (rule.permission().equals("DENY")) {
            warnings.add("DENY wins over any ALLOW for the same principal and resource");
        }
        if (rule.principal().endsWith(":*") || rule.resourceName().equals("*")) {
            warnings.add("a wildcard: this applies to " + (rule.principal().endsWith(":*") ? "every principal" : "every resource of the type"));
        }
        return new ChangePreview(action, effects, warnings, List.of());
    }

    public void create(AclRule rule) {
        ChangePreview p = previewCreate(rule);
        if (!p.allowed()) {
            throw new AdminException("cannot create the ACL: " + String.join("; ", p.problems()));
        }
        KafkaCalls.await(admin.createAcls(List.of(rule.binding())).all(), "cannot create the ACL");
        awaitListed(rule, true);
    }

    public ChangePreview previewDelete(AclRule rule) {
        String action = "Delete the ACL: " + rule.describe();
        List<AclRule> existing;
        try {
            existing = list("");
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        if (!existing.contains(rule)) {
            return ChangePreview.blocked(action, "no such ACL: refresh the list");
        }
        List<String> warnings = new ArrayList<>();
        if (rule.permission().equals("ALLOW")) {
            warnings.add(rule.principal() + " loses " + rule.operation() + " on " + rule.resourceName()
                    + " unless another ALLOW covers it; its clients then fail with an authorization error");
        }
        return new ChangePreview(action, List.of("removes exactly this ACL"), warnings, List.of());
    }

    public void delete(AclRule rule) {
        ChangePreview p = previewDelete(rule);
        if (!p.allowed()) {
            throw new AdminException("cannot delete the ACL: " + String.join("; ", p.problems()));
        }
        KafkaCalls.await(admin.deleteAcls(List.of(rule.binding().toFilter())).all(), "cannot delete the ACL");
        awaitListed(rule, false);
    }

    /**
     * The controller has taken the change when the call returns, but the broker that answers the next listing applies
     * it from the metadata log a moment later: without this wait a list right after a delete could still show the
     * deleted rule (seen in CI). Waits until the listing agrees, at most {@link #VISIBLE_WITHIN_MS}.
     */
    private void awaitListed(AclRule rule, boolean listed) {
        long deadline = System.currentTimeMillis() + VISIBLE_WITHIN_MS;
        while (System.currentTimeMillis() < deadline) {
            Collection<AclBinding> now = KafkaCalls.await(admin.describeAcls(rule.binding().toFilter()).values(),
                    "cannot list the ACLs");
            if (now.contains(rule.binding()) == listed) {
                return;
            }
            try {
                Thread.sleep(50); // a bounded poll of the broker, not a test's synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
