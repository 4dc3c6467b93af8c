package router.config;

import router.CborSerializable;
import router.model.Deployment;

/** A deployment and the configuration it froze. */
public record DeployedSnapshot(Deployment deployment, ApiConfig config) implements CborSerializable {}
