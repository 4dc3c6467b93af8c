package router.deploy;

import router.CborSerializable;

/**
 * A value of the replicated stage map: the deployed stage published at {@code revision}, or a tombstone
 * ({@code deployed == null}) recording that the stage stopped being served at that revision. Tombstones let a node
 * tell a stage that was removed from a stage it has not heard of yet, whatever order updates arrive in.
 */
public record StageEntry(long revision, DeployedStage deployed) implements CborSerializable {

  public boolean isRetired() {
    return deployed == null;
  }
}
