package dev.stepwise.engine.service;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The tags of state machines and activities (TagResource, UntagResource, ListTagsForResource). */
public final class ResourceTags {
  /** AWS's quota of tags per resource. */
  public static final int MAX_TAGS = 50;

  private final ResourceStore store;
  private final Predicate<String> taggable;
  private final HashMap<String, LinkedHashMap<String, String>> tags = new HashMap<>();

  /**
   * @param taggable whether an ARN names a state machine or an activity that exists
   */
  ResourceTags(ResourceStore store, Predicate<String> taggable) {
    this.store = store;
    this.taggable = taggable;
    store.tags().forEach((arn, t) -> tags.put(arn, new LinkedHashMap<>(t)));
  }

  /** TagResource: adds the tags, replacing the values of keys already there. */
  public void tag(String resourceArn, Map<String, String> add) throws ServiceException {
    checkTaggable(resourceArn);
    synchronized (tags) {
      LinkedHashMap<String, String> merged =
          new LinkedHashMap<>(tags.getOrDefault(resourceArn, new LinkedHashMap<>()));
      merged.putAll(add);
      checkCount(resourceArn, merged.size());
      save(resourceArn, merged);
    }
  }

  /** UntagResource: keys that are not there are ignored. */
  public void untag(String resourceArn, List<String> keys) throws ServiceException {
    checkTaggable(resourceArn);
    synchronized (tags) {
      LinkedHashMap<String, String> left =
          new LinkedHashMap<>(tags.getOrDefault(resourceArn, new LinkedHashMap<>()));
      keys.forEach(left::remove);
      save(resourceArn, left);
    }
  }

  /** ListTagsForResource, in the order the keys were first added. */
  public Map<String, String> list(String resourceArn) throws ServiceException {
    checkTaggable(resourceArn);
    synchronized (tags) {
      return Collections.unmodifiableMap(
          new LinkedHashMap<>(tags.getOrDefault(resourceArn, new LinkedHashMap<>())));
    }
  }

  /** Only state machines and activities carry tags (not versions, aliases or executions). */
  private void checkTaggable(String resourceArn) throws ServiceException {
    if (taggable.test(resourceArn)) {
      return;
    }
    ArnChecks.checkPrefix(resourceArn);
    throw new ServiceException(
        "ResourceNotFound", "Resource not found: '" + resourceArn + "'", resourceArn);
  }

  static void checkCount(String resourceArn, int count) throws ServiceException {
    if (count > MAX_TAGS) {
      // [INFER] AWS documents the error and its resourceName member, not its message.
      throw new ServiceException(
          "TooManyTags",
          "Too many tags: a resource can have at most " + MAX_TAGS + " tags: '" + resourceArn + "'",
          resourceArn);
    }
  }

  /** The tags a resource is created with. */
  void initial(String resourceArn, Map<String, String> initial) {
    if (!initial.isEmpty()) {
      save(resourceArn, new LinkedHashMap<>(initial));
    }
  }

  private void save(String resourceArn, LinkedHashMap<String, String> resourceTags) {
    synchronized (tags) {
      if (resourceTags.isEmpty()) {
        tags.remove(resourceArn);
      } else {
        tags.put(resourceArn, resourceTags);
      }
      store.saveTags(resourceArn, resourceTags);
    }
  }

  /** A deleted resource's tags go with it. */
  void remove(String resourceArn) {
    synchronized (tags) {
      if (tags.remove(resourceArn) != null) {
        store.saveTags(resourceArn, Map.of());
      }
    }
  }
}
