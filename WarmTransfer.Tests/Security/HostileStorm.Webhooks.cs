using System.IO.Compression;
using System.Text;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Web.Twilio;
using static WarmTransfer.Tests.Security.HostileRequests;
using static WarmTransfer.Tests.Security.HostileValues;

namespace WarmTransfer.Tests.Security;

/// <summary>The storm's webhooks: as Twilio would sign them (or not), each with at least one trait the route must refuse.</summary>
public sealed partial class HostileStorm
{
    private (HttpRequestMessage, bool) Webhook(Random random, string route, List<string> traits)
    {
        var conferenceId = aliceConference;
        var agentId = "alice";
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = TestCredentials.AccountSid,
            ["CallSid"] = route.Contains("connect/client") ? Sid.Call() : aliceConference,
            ["CallStatus"] = random.Pick(new[] { "completed", "in-progress", "busy" }),
            ["ConferenceSid"] = aliceConferenceSid,
            ["FriendlyName"] = aliceConference,
            ["SequenceNumber"] = random.Next(2, 1000).ToString(),
            ["StatusCallbackEvent"] = random.Pick(new[] { "conference-end", "participant-leave", "participant-hold" }),
            ["Hold"] = "true",
            ["From"] = "+15550001111",
            ["To"] = TestCredentials.CallerId,
        };
        var ignoresForm = route.Contains("/wait") || route.Contains("/hold") || route.Contains("/return");
        string[] spoilers = ignoresForm
            ? ["unsigned", "malformed-signature", "wrong-signature", "charset", "content-type", "multipart", "oversized", "too-many-fields", "long-key", "gzip", "method", "control-character-in-field", "overlong-idempotency-token"]
            : ["unsigned", "malformed-signature", "wrong-signature", "charset", "content-type", "multipart", "oversized", "too-many-fields", "long-key", "gzip", "method",
               "control-character-in-sid", "control-character-in-path", "bad-field-values", "not-utf8"];
        var chosen = random.GetItems(spoilers, random.Next(1, 3)).Distinct().ToList();
        string[] harmless = ["control-character-in-field", "overlong-idempotency-token"];
        var mustBeRefused = !ignoresForm || chosen.Except(harmless).Any();
        traits.AddRange(chosen);
        if (chosen.Contains("control-character-in-sid"))
        {
            // Only identifiers the route reads: a spoiled one it ignores would leave a valid, signed request.
            var key = route.EndsWith("/events") ? random.Pick(new[] { "CallSid", "ConferenceSid", "FriendlyName" }) : "CallSid";
            form[key] = random.Spoil(form[key]);
        }

        if (chosen.Contains("control-character-in-field"))
        {
            form["From"] = random.Spoil(form["From"]);
        }

        var template = route.Split(' ')[1];
        if (chosen.Contains("control-character-in-path"))
        {
            var suffix = random.Pick(PathSuffixes);
            if (template.Contains("{agentId}") && random.Next(2) == 0)
            {
                agentId += suffix;
            }
            else if (template.Contains("{conferenceId}"))
            {
                conferenceId += suffix;
            }
            else
            {
                template += suffix;
            }
        }

        if (chosen.Contains("bad-field-values"))
        {
            // Only fields the route reads: a spoiled field it ignores would leave a valid, signed request.
            (string, string)[] badCallSids = [("CallSid", "CA123"), ("CallSid", ""), ("CallSid", "CA" + new string('0', 31) + "g"), ("CallSid", "ca" + new string('0', 32))];
            var (key, value) = random.Pick(route.EndsWith("/events")
                ? new (string, string)[]
                {
                    ("SequenceNumber", "-1"), ("SequenceNumber", "99999999999"), ("SequenceNumber", "٣"), ("SequenceNumber", "1 "), ("Hold", "maybe"),
                    ("FriendlyName", Sid.Call()), ("CallSid", "CA123"), ("ConferenceSid", "CF" + new string('0', 31) + "g"), ("EndConferenceOnExit", "1"),
                }
                : route.EndsWith("/status") ? [("CallStatus", "exploded"), ("CallStatus", ""), ("CallStatus", "Completed"), .. badCallSids]
                : badCallSids);
            form[key] = value;
        }

        if (route.Contains("connect/client"))
        {
            lock (_incomingCallSids)
            {
                _incomingCallSids.Add(form["CallSid"]);
            }
        }

        if (chosen.Contains("too-many-fields"))
        {
            for (var i = 0; i < 300; i++)
            {
                form[$"f{i}"] = "v";
            }
        }

        if (chosen.Contains("long-key"))
        {
            form[new string('k', 2000)] = "v";
        }

        if (chosen.Contains("oversized"))
        {
            form["Padding"] = new string('x', Oversized);
        }

        var path = template.Replace("{conferenceId}", conferenceId).Replace("{agentId}", agentId);
        var body = Encoding.UTF8.GetBytes(UrlEncoded(form));
        var contentType = FormBodies.UrlEncoded;
        HttpContent content;
        if (chosen.Contains("multipart"))
        {
            content = Multipart(form, random.Next(2) == 0 ? "text/plain; charset=utf-7" : "text/plain");
        }
        else
        {
            if (chosen.Contains("not-utf8"))
            {
                body = [.. body, .. "&CallSid=CA"u8, 0xFF, 0xFE, .. Encoding.ASCII.GetBytes(new string('0', 30))];
            }

            if (chosen.Contains("charset"))
            {
                contentType = $"{contentType}; {random.Pick(Charsets)}";
            }
            else if (chosen.Contains("content-type"))
            {
                contentType = random.Pick(FormContentTypes);
            }

            content = Body(chosen.Contains("gzip") ? Gzip(body) : body, contentType);
            if (chosen.Contains("gzip"))
            {
                content.Headers.ContentEncoding.Add("gzip");
            }
        }

        var method = chosen.Contains("method") ? random.Pick(new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch }) : HttpMethod.Post;
        var request = SignedWebhook(host, path, form, content);
        request.Method = method;
        if (method == HttpMethod.Get)
        {
            request.Content = null;
        }

        request.Headers.Add(ReplayFilter.IdempotencyTokenHeader, chosen.Contains("overlong-idempotency-token") ? new string('t', 8 * 1024) : Guid.NewGuid().ToString());
        if (chosen.Contains("unsigned") || chosen.Contains("malformed-signature") || chosen.Contains("wrong-signature"))
        {
            request.Headers.Remove(TwilioSignatureFilter.SignatureHeader);
            if (chosen.Contains("malformed-signature"))
            {
                request.Headers.TryAddWithoutValidation(TwilioSignatureFilter.SignatureHeader, random.Pick(MalformedSignatures));
            }
            else if (chosen.Contains("wrong-signature"))
            {
                request.Headers.Add(TwilioSignatureFilter.SignatureHeader,
                    TwilioSignature.Compute("not_the_auth_token_0123456789abcd", new Uri(host.PublicBaseUrl, path).AbsoluteUri, form));
            }
        }

        return (request, mustBeRefused);
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
