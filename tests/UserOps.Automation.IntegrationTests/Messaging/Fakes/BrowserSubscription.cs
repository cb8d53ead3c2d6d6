using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace UserOps.Automation.IntegrationTests.Messaging.Fakes;

/// <summary>
/// What a browser holds for one push subscription: its P-256 key pair and auth secret. It decrypts a Web Push
/// body the way the browser does (RFC 8291 key derivation over RFC 8188 <c>aes128gcm</c>), written here from the
/// RFCs so the test does not trust the library under test to check itself.
/// </summary>
public sealed class BrowserSubscription : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey => Uncompressed(_key.ExportParameters(false).Q);

    /// <summary>The subscription's <c>keys</c> as the browser's PushSubscription.toJSON() gives them.</summary>
    public string KeysJson => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["p256dh"] = Base64Url.EncodeToString(PublicKey),
        ["auth"] = Base64Url.EncodeToString(AuthSecret),
    });

    public string Decrypt(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // RFC 8188 header: salt (16) | record size (4) | key id length (1) | key id = the server's ephemeral public key.
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var serverKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (record.Length > recordSize)
        {
            throw new InvalidOperationException($"one record expected, got {record.Length} bytes with record size {recordSize}");
        }

        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverKey[1..33], Y = serverKey[33..65] },
        });
        var ecdhSecret = _key.DeriveRawSecretAgreement(server.PublicKey);

        // RFC 8291 §3.4: IKM from the ECDH secret and the auth secret, bound to both public keys.
        var keyInfo = Concat(Encoding.ASCII.GetBytes("WebPush: info\0"), PublicKey, serverKey);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, AuthSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        }

        // The last record ends with the delimiter 0x02 followed by zero padding.
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2)
        {
            throw new InvalidOperationException("the record does not end with the last-record delimiter 0x02");
        }

        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public void Dispose() => _key.Dispose();

    internal static byte[] Uncompressed(ECPoint point) => Concat([4], point.X!, point.Y!);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
