package dev.engram.lambda.testing;

import dev.engram.platform.aws.StackProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What template.yaml creates on AWS, created on the local emulators when a Lambda variant's test application starts
 * (the default build's local runner does this itself; the Lambda builds have no runner). Idempotent.
 */
@ApplicationScoped
public class TestStackProvisioning {

    private final StackProvisioner provisioner;

    TestStackProvisioning(StackProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    void provision(@Observes StartupEvent event) {
        provisioner.provision();
    }
}
