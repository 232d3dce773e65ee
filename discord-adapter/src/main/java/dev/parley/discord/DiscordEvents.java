package dev.parley.discord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Reads the views the {@link DiscordEventMapper} maps off JDA's events: only what the gateway
 * payload carried, which JDA holds in memory, so reading never sends a request.
 */
final class DiscordEvents {
  private DiscordEvents() {}

  /** @param cdn makes each attachment's source; nothing is downloaded here */
  static DiscordEventMapper.MessageView message(MessageReceivedEvent event, DiscordCdn cdn) {
    Message message = event.getMessage();
    ThreadChannel thread = event.getChannelType().isThread() ? event.getChannel().asThreadChannel() : null;
    boolean dm = event.getChannelType() == ChannelType.PRIVATE || !event.isFromGuild();
    return new DiscordEventMapper.MessageView(
        message.getId(),
        dm ? null : event.getGuild().getId(),
        event.getChannel().getId(),
        thread == null ? null : thread.getParentChannel().getId(),
        thread == null ? null : thread.getOwnerId(),
        event.getAuthor().getId(),
        event.getAuthor().getName(),
        event.getAuthor().isBot(),
        roles(event.getMember()),
        message.getContentRaw(),
        message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER),
        message.getJumpUrl(),
        message.getTimeCreated().toInstant(),
        message.isVoiceMessage(),
        attachments(message.getAttachments(), cdn));
  }

  /**
   * A slash command or its autocomplete.
   *
   * @param cdn makes the source of an attachment option's file; nothing is downloaded here
   */
  static <E extends Interaction & CommandInteractionPayload> DiscordEventMapper.InteractionView command(E event,
      DiscordCdn cdn) {
    Map<String, Object> options = new HashMap<>();
    for (OptionMapping option : event.getOptions()) {
      options.put(option.getName(), switch (option.getType()) {
        case BOOLEAN -> option.getAsBoolean();
        case ATTACHMENT -> attachment(option.getAsAttachment(), cdn);
        default -> option.getAsString();
      });
    }
    return view(event, event.getName(), options, null, null);
  }

  static DiscordEventMapper.InteractionView button(ButtonInteractionEvent event) {
    return view(event, null, Map.of(), event.getComponentId(), event.getMessageId());
  }

  private static DiscordEventMapper.InteractionView view(Interaction interaction, String name,
      Map<String, Object> options, String componentId, String messageId) {
    String parent = interaction.getChannel() instanceof ThreadChannel thread ? thread.getParentChannel().getId() : null;
    return new DiscordEventMapper.InteractionView(
        interaction.getId(),
        interaction.getGuild() == null ? null : interaction.getGuild().getId(),
        interaction.getChannelId(),
        parent,
        interaction.getUser().getId(),
        interaction.getUser().getName(),
        roles(interaction.getMember()),
        name,
        options,
        componentId,
        messageId,
        interaction.getTimeCreated().toInstant());
  }

  private static List<DiscordEventMapper.AttachmentView> attachments(List<Message.Attachment> files, DiscordCdn cdn) {
    return files.stream().map(file -> attachment(file, cdn)).toList();
  }

  private static DiscordEventMapper.AttachmentView attachment(Message.Attachment file, DiscordCdn cdn) {
    return new DiscordEventMapper.AttachmentView(file.getFileName(), file.getContentType(), file.getSize(),
        file.getDuration(), cdn.source(file.getFileName(), file.getUrl(), file.getSize()));
  }

  private static Set<String> roles(Member member) {
    return member == null ? Set.of() : member.getRoles().stream().map(ISnowflake::getId).collect(Collectors.toSet());
  }
}
