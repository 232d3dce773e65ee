package dev.parley.core.internal.engine;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import java.util.Objects;
import java.util.function.Function;

/**
 * The two limits a {@link RequestLimiter} applies to one request.
 *
 * @param perUser counts one user's requests; the user's counter is shared by every channel of the
 *     tenant, and the limit of the channel where a request arrives is the one applied
 * @param perConversation counts the requests of one conversation (thread)
 */
public record RequestLimits(RequestLimit perUser, RequestLimit perConversation) {

  public static final RequestLimits UNLIMITED =
      new RequestLimits(RequestLimit.UNLIMITED, RequestLimit.UNLIMITED);

  public RequestLimits {
    Objects.requireNonNull(perUser, "perUser");
    Objects.requireNonNull(perConversation, "perConversation");
  }

  /** Reads the limits from each channel's settings. */
  public static Function<ConversationKey, RequestLimits> from(ChannelSettingsResolver resolver) {
    Objects.requireNonNull(resolver, "resolver");
    return key -> {
      ChannelSettings settings = resolver.settingsFor(key);
      return new RequestLimits(settings.userLimit(), settings.conversationLimit());
    };
  }
}
