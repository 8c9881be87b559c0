import { describe, expect, it } from "vitest";
import { parseAllowList, type AllowList } from "./outbound-allow-list";
import { checkOutboundUrl, describeRefusal, type Resolver } from "./outbound-url";

/** A name server under the test's control: names it does not know do not resolve. */
function dns(answers: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { asked });
}

function allow(raw: string): AllowList {
  const parsed = parseAllowList(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.list;
}

const publicDns = dns({ "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });

async function verdict(url: string, options: { allowList?: AllowList; resolve?: Resolver } = {}) {
  const check = await checkOutboundUrl(url, { allowList: options.allowList ?? [], resolve: options.resolve ?? publicDns });
  return check.ok ? { ok: true as const, address: check.target.address } : { ok: false as const, ...check.refusal, text: describeRefusal(check.refusal) };
}

describe("checkOutboundUrl", () => {
  it.each([
    ["http://127.0.0.1:5432/", "127.0.0.1", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254", "metadata"],
    ["http://10.0.0.5/hook", "10.0.0.5", "private"],
    ["https://192.168.1.1/", "192.168.1.1", "private"],
    ["http://[::1]:8080/", "::1", "loopback"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254", "metadata"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "loopback"],
    ["http://[64:ff9b::10.0.0.1]/", "64:ff9b::a00:1", "private"],
    ["http://[fe80::1]/", "fe80::1", "link-local"],
    // Numeric IPv4 literals: the WHATWG parser turns them into dotted quads before we look.
    ["http://2130706433/", "127.0.0.1", "loopback"],
    ["http://0x7f.1/", "127.0.0.1", "loopback"],
    ["http://0177.0.0.1/", "127.0.0.1", "loopback"],
    ["http://127.1/", "127.0.0.1", "loopback"],
    ["http://0/", "0.0.0.0", "unspecified"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1", "loopback"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", "metadata"],
    ["http://100.64.0.1/", "100.64.0.1", "carrier-grade-nat"],
  ])("refuses %s (%s, %s) without asking DNS", async (url, address, range) => {
    const resolve = dns({});
    expect(await verdict(url, { resolve })).toMatchObject({ ok: false, reason: "blocked", address, range });
    expect(resolve.asked).toEqual([]);
  });

  it("refuses a name when any of its addresses is internal, naming the address", async () => {
    const resolve = dns({ "mixed.example.com": ["93.184.215.14", "10.1.2.3"], "meta.example.com": ["169.254.169.254"] });
    expect(await verdict("https://mixed.example.com/hook", { resolve })).toMatchObject({
      ok: false,
      reason: "blocked",
      address: "10.1.2.3",
      range: "private",
      text: "mixed.example.com resolves to 10.1.2.3, a private-network address",
    });
    expect(await verdict("http://META.example.com./x", { resolve })).toMatchObject({ ok: false, address: "169.254.169.254", range: "metadata" });
  });

  it("refuses localhost and *.localhost whatever DNS says", async () => {
    const resolve = dns({ localhost: ["93.184.215.14"], "app.localhost": ["93.184.215.14"] });
    expect(await verdict("http://localhost:3000/", { resolve })).toMatchObject({ ok: false, reason: "blocked", range: "loopback" });
    expect(await verdict("http://app.localhost/", { resolve })).toMatchObject({ ok: false, reason: "blocked", range: "loopback" });
    expect(await verdict("http://LocalHost./", { resolve })).toMatchObject({ ok: false, reason: "blocked", range: "loopback" });
  });

  it("refuses other schemes and credentials in the URL, and says so without echoing them", async () => {
    expect(await verdict("ftp://hooks.example.com/")).toMatchObject({ ok: false, reason: "scheme", scheme: "ftp" });
    expect(await verdict("file:///etc/passwd")).toMatchObject({ ok: false, reason: "scheme" });
    expect(await verdict("gopher://127.0.0.1:6379/_INFO")).toMatchObject({ ok: false, reason: "scheme" });
    const withCredentials = await verdict("https://merchant:s3cret@hooks.example.com/");
    expect(withCredentials).toMatchObject({ ok: false, reason: "credentials" });
    expect(JSON.stringify(withCredentials)).not.toContain("s3cret");
    expect(await verdict("not a url")).toMatchObject({ ok: false, reason: "invalid-url" });
  });

  it("allows public hosts and addresses, and connects to the first address checked", async () => {
    expect(await verdict("https://hooks.example.com/shopflow")).toEqual({ ok: true, address: "93.184.215.14" });
    expect(await verdict("http://93.184.215.14:8080/")).toEqual({ ok: true, address: "93.184.215.14" });
    expect(await verdict("http://[2606:4700:4700::1111]/")).toEqual({ ok: true, address: "2606:4700:4700::1111" });
    expect(await verdict("http://[64:ff9b::8.8.8.8]/")).toMatchObject({ ok: true });
  });

  it("reports a name that does not resolve as unresolvable, not as allowed", async () => {
    expect(await verdict("https://nowhere.example.org/")).toMatchObject({ ok: false, reason: "unresolvable", host: "nowhere.example.org", detail: "ENOTFOUND" });
  });

  it("an allow-list entry opens exactly what it names", async () => {
    const resolve = dns({ "receiver.internal": ["10.0.0.7"], localhost: ["127.0.0.1"] });
    const allowList = allow("127.0.0.1:4000, localhost:4001, receiver.internal, 192.168.50.0/24, [::1]:4002");
    expect(await verdict("http://127.0.0.1:4000/hook", { allowList, resolve })).toEqual({ ok: true, address: "127.0.0.1" });
    expect(await verdict("http://127.0.0.1:4001/hook", { allowList, resolve })).toMatchObject({ ok: false, range: "loopback" });
    expect(await verdict("http://localhost:4001/", { allowList, resolve })).toEqual({ ok: true, address: "127.0.0.1" });
    expect(await verdict("http://localhost:4000/", { allowList, resolve })).toMatchObject({ ok: false, range: "loopback" });
    expect(await verdict("http://receiver.internal:9000/", { allowList, resolve })).toEqual({ ok: true, address: "10.0.0.7" });
    expect(await verdict("http://192.168.50.20/", { allowList, resolve })).toEqual({ ok: true, address: "192.168.50.20" });
    expect(await verdict("http://192.168.51.20/", { allowList, resolve })).toMatchObject({ ok: false, range: "private" });
    expect(await verdict("http://[::1]:4002/", { allowList, resolve })).toEqual({ ok: true, address: "::1" });
    // An IPv4 entry covers the IPv4-mapped IPv6 spelling of the same address, and nothing else.
    expect(await verdict("http://[::ffff:127.0.0.1]:4000/", { allowList, resolve })).toMatchObject({ ok: true });
    expect(await verdict("http://169.254.169.254/", { allowList, resolve })).toMatchObject({ ok: false, range: "metadata" });
  });
});

describe("parseAllowList", () => {
  it("reads host, host:port, IP, [IPv6]:port and CIDR entries", () => {
    expect(parseAllowList(undefined)).toEqual({ ok: true, list: [] });
    expect(parseAllowList(" ")).toEqual({ ok: true, list: [] });
    const parsed = parseAllowList("localhost:4000, Hooks.Internal., 10.0.0.0/8, ::1, [::1]:4002, 127.0.0.1:4000");
    expect(parsed.ok && parsed.list.map((e) => [e.kind, e.kind === "host" ? e.host : e.range.join("/"), e.port])).toEqual([
      ["host", "localhost", 4000],
      ["host", "hooks.internal", null],
      ["range", "10.0.0.0/8", null],
      ["range", "::1/128", null],
      ["range", "::1/128", 4002],
      ["range", "127.0.0.1/32", 4000],
    ]);
  });

  it("names each bad entry", () => {
    const parsed = parseAllowList("localhost:0, 10.0.0.0/33, bad host, ok.example, host:99999, [nope]:1");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      expect.stringContaining('"localhost:0"'),
      expect.stringContaining('"10.0.0.0/33"'),
      expect.stringContaining('"bad host"'),
      expect.stringContaining('"host:99999"'),
      expect.stringContaining('"[nope]:1"'),
    ]);
  });
});
