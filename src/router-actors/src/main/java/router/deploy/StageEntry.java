package router.deploy;

import router.CborSerializable;

/**
 * A value of the replicated stage map: the deployed stage published at {@code revision}, or a tombstone
 * ({@code deployed == null}) recording that the stage stopped being served at that revision. Tombstones let a node
 * tell a stage that was removed from a stage it has not heard of yet, whatever order updates arrive in.
 *
 * @param publishedAtMillis the publishing node's wall clock when the entry was made (epoch milliseconds; 0 in an
 *     entry written by a node that did not stamp it): the start of the install lag each node reports
 */
public record StageEntry(long revision, DeployedStage deployed, long publishedAtMillis) implements CborSerializable {

  /** An entry published now. */
  public StageEntry(long revision, DeployedStage deployed) {
    this(revision, deployed, System.currentTimeMillis());
  }

  public boolean isRetired() {
    return deployed == null;
  }
}
