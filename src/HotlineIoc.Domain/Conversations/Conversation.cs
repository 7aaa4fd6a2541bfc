namespace HotlineIoc.Domain.Conversations;

public enum ConversationStatus
{
    /// <summary>Waiting in triage.</summary>
    Open,

    /// <summary>Turned into a case, or linked to one as a further report.</summary>
    Handled,

    /// <summary>Not a report (a greeting, spam); closed with a reason.</summary>
    Closed,
}

/// <summary>
/// The messages of one Zalo user that wait to become a case (cuộc trò chuyện). A user has at most one open conversation;
/// a message after it was handled or closed opens the next one. The user id is personal data: stored encrypted.
/// </summary>
public sealed class Conversation
{
    public const int ReasonMaxLength = 500;

    private readonly List<ConversationMessage> _messages = [];

    private Conversation()
    {
    }

    public long Id { get; private set; }

    /// <summary>The Zalo user id (up to 19 digits, kept as text): who to reply to. Personal data.</summary>
    public string UserId { get; private set; } = "";

    /// <summary>Keyed hash of <see cref="UserId"/>, to find the user's open conversation without decrypting.</summary>
    public string? UserKey { get; private set; }

    public ConversationStatus Status { get; private set; }

    /// <summary>The instant of the citizen's first message: a case made from it is received then, whenever triage gets to it.</summary>
    public DateTime FirstMessageAt { get; private set; }

    public DateTime LastMessageAt { get; private set; }

    /// <summary>The case it became or was linked to.</summary>
    public string? CaseCode { get; private set; }

    public string? ClosedReason { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTime? HandledAt { get; private set; }

    public IReadOnlyList<ConversationMessage> Messages => _messages;

    public bool IsOpen => Status == ConversationStatus.Open;

    /// <summary>A user's first message opens a conversation.</summary>
    public static Conversation Open(string userId, ConversationMessage first)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(first);
        var conversation = new Conversation { UserId = userId, Status = ConversationStatus.Open, FirstMessageAt = first.At, LastMessageAt = first.At };
        conversation._messages.Add(first);
        return conversation;
    }

    /// <summary>A further message; messages may arrive out of order (Zalo retries), so the first instant is kept right.</summary>
    public void Add(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsOpen)
        {
            throw new DomainException($"Conversation {Id} is {Status}; a new message opens a new conversation.");
        }

        _messages.Add(message);
        FirstMessageAt = message.At < FirstMessageAt ? message.At : FirstMessageAt;
        LastMessageAt = message.At > LastMessageAt ? message.At : LastMessageAt;
    }

    /// <summary>The texts in order, as a case's description starts from them.</summary>
    public string Transcript() =>
        string.Join("\n", _messages.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => m.Text).Where(t => !string.IsNullOrWhiteSpace(t)));

    /// <summary>The last location the citizen sent, if any.</summary>
    public ConversationMessage? LastLocation => _messages.Where(m => m.Latitude is not null && m.Longitude is not null).MaxBy(m => m.At);

    /// <summary>The conversation became case <paramref name="caseCode"/> or was linked to it.</summary>
    public void Handle(string caseCode, DateTime atUtc, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseCode);
        RequireOpen("turned into a case");
        Status = ConversationStatus.Handled;
        CaseCode = caseCode;
        HandledAt = atUtc;
        HandledBy = actor;
    }

    /// <summary>Not a report: closed with a reason, nothing is sent back.</summary>
    public void Close(string reason, DateTime atUtc, string actor)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException($"Conversation {Id} is closed only with a reason (a greeting, spam, …).");
        }

        if (reason.Length > ReasonMaxLength)
        {
            throw new DomainException($"The reason is longer than {ReasonMaxLength} characters.");
        }

        RequireOpen("closed");
        Status = ConversationStatus.Closed;
        ClosedReason = reason.Trim();
        HandledAt = atUtc;
        HandledBy = actor;
    }

    /// <summary>Sets the blind index of the user id with the deployment's keyed hash.</summary>
    public void IndexUser(Func<string, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        UserKey = keyOf(UserId);
    }

    private void RequireOpen(string what)
    {
        if (!IsOpen)
        {
            throw new DomainException($"Conversation {Id} was already {(Status == ConversationStatus.Handled ? "turned into case " + CaseCode : "closed")}; it cannot be {what} again.");
        }
    }
}

/// <summary>What a Zalo message can be: the event names of Zalo's webhook without the <c>user_send_</c> prefix.</summary>
public enum MessageKind
{
    Text,
    Image,
    File,
    Video,
    Location,
    Sticker,
    Audio,
    Link,
    Other,
}

/// <summary>One message of a conversation: its text, a link to what it carried, or a location with the unit it falls in.</summary>
public sealed class ConversationMessage
{
    public const int TextMaxLength = 4000;
    public const int UrlMaxLength = 2000;

    public long Id { get; private set; }

    public long ConversationId { get; private set; }

    /// <summary>Zalo's <c>msg_id</c>: one message is stored once, however often it is delivered.</summary>
    public string MessageId { get; private set; } = "";

    public MessageKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public string? Text { get; private set; }

    public string? Url { get; private set; }

    public string? FileName { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>The unit in force that holds the location (point-in-polygon), a suggestion the operator confirms.</summary>
    public string? SuggestedUnitCode { get; private set; }

    public static ConversationMessage Create(string messageId, MessageKind kind, DateTime atUtc, string? text, string? url = null, string? fileName = null,
        double? latitude = null, double? longitude = null, string? suggestedUnitCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return new ConversationMessage
        {
            MessageId = messageId,
            Kind = kind,
            At = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc),
            Text = Cut(text, TextMaxLength),
            Url = Cut(url, UrlMaxLength),
            FileName = Cut(fileName, 500),
            Latitude = latitude,
            Longitude = longitude,
            SuggestedUnitCode = suggestedUnitCode,
        };
    }

    private static string? Cut(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..max];
}
