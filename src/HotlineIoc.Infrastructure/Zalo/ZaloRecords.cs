namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// A webhook event as it was stored before the 200 went back (the inbox): kept until processed, once per <c>msg_id</c>.
/// The sender is personal data: encrypted, with a keyed hash to find their conversation.
/// </summary>
public sealed class ZaloInboxEvent
{
    public long Id { get; set; }

    public string MessageId { get; set; } = "";

    public string EventName { get; set; } = "";

    public string SenderId { get; set; } = "";

    public DateTime EventAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The message's text and attachments as JSON (no ids of people).</summary>
    public string Payload { get; set; } = "";

    public DateTime? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

public enum OutboxStatus
{
    /// <summary>Waiting for its turn or for its next attempt.</summary>
    Pending,

    /// <summary>Handed to Zalo; the answer has not been recorded yet.</summary>
    Sending,

    Sent,

    /// <summary>Zalo refused it for good (a bad payload, or every retry spent); the reason is kept.</summary>
    Failed,

    /// <summary>The citizen has not written to the OA for 7 days (-230, -232): call them back instead.</summary>
    CannotSend,

    /// <summary>The app stopped while Zalo had it: it may have gone out, so it is not sent again; an operator checks.</summary>
    Uncertain,
}

public enum OutboxPurpose
{
    /// <summary>The conversation was received.</summary>
    Acknowledgement,

    /// <summary>The case code and due date of the case the conversation became or joined.</summary>
    CaseReceived,

    /// <summary>The outcome, sent as the citizen response.</summary>
    Result,
}

/// <summary>A reply to a citizen, sent by the background worker with retries; one row per reply, sent at most once.</summary>
public sealed class ZaloOutboxMessage
{
    public const int TextMaxLength = 2000;

    public long Id { get; set; }

    /// <summary>Unique: the same reply is never queued twice (e.g. <c>ack:12</c>, <c>case:BMT-2026-000123:12</c>).</summary>
    public string IdempotencyKey { get; set; } = "";

    public OutboxPurpose Purpose { get; set; }

    /// <summary>The Zalo user id to reply to. Personal data: encrypted.</summary>
    public string RecipientId { get; set; } = "";

    public long? ConversationId { get; set; }

    public string? CaseCode { get; set; }

    public string Text { get; set; } = "";

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? ZaloMessageId { get; set; }

    public int? ErrorCode { get; set; }

    public string? LastError { get; set; }

    /// <summary>Who asked for it: the system, or the operator who sent a result.</summary>
    public string RequestedBy { get; set; } = "";
}

/// <summary>The access and refresh tokens in use. A refresh token is single-use: the new pair is stored before it is used.</summary>
public sealed class ZaloTokenPair
{
    public int Id { get; set; }

    public string AccessToken { get; set; } = "";

    public string RefreshToken { get; set; } = "";

    public DateTime ObtainedAt { get; set; }
}
