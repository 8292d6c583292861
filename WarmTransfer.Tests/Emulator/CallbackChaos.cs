namespace WarmTransfer.Tests.Emulator;

/// <summary>
/// How the emulator mistreats status callbacks, reproducibly from Seed: delivered out of order within a window,
/// some twice (same body, signature and idempotency token), some late. TwiML fetches are never reordered.
/// </summary>
public sealed record CallbackChaos(int Seed, double DuplicateProbability = 0.2, int ReorderWindow = 4, int MaxDelayMilliseconds = 15);
