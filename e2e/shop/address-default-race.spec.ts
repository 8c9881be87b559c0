import { expect, test } from "@playwright/test";
import { trpcMutation, trpcQuery } from "../fixtures/api";
import { signUpViaApi } from "../fixtures/auth";

const ROUNDS = 20;
const CONCURRENT = 12;

type Address = { id: string; isDefault: boolean };

/**
 * One shopper changes their default address from twelve tabs at once, round after round, over
 * HTTP against the production server: every answer is clean (the change, or a 409 conflict),
 * never a 5xx, and each round ends with exactly one default — one of the calls that succeeded.
 */
test(`[SHOP][ADDRESS] ${CONCURRENT} concurrent "set default" calls, ${ROUNDS} rounds: no 5xx, exactly one default`, async ({ request }) => {
  await signUpViaApi(request, "Default Racer");
  for (let i = 0; i < CONCURRENT; i++) {
    await trpcMutation(request, "address.create", {
      recipient: "周敏",
      phone: "13700001111",
      province: "江苏省",
      city: "南京市",
      district: "鼓楼区",
      detail: `中山路 ${i + 1} 号`,
      isDefault: i === 0,
    });
  }
  const addresses = await trpcQuery<Address[]>(request, "address.list");
  expect(addresses).toHaveLength(CONCURRENT);

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A different order of arrival each round, so each address is sometimes first and sometimes last.
    const order = addresses.map((a, i) => ({ a, key: (i * 7 + round * 5) % CONCURRENT })).sort((x, y) => x.key - y.key);
    const answers = await Promise.all(
      order.map(async ({ a }) => {
        const response = await request.post("/api/trpc/address.setDefault", { data: { json: { id: a.id } } });
        return { id: a.id, status: response.status(), body: response.status() >= 500 ? await response.text() : "" };
      }),
    );
    for (const answer of answers) {
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) failures.push(`round ${round}: ${answer.status} ${answer.body.slice(0, 200)}`);
      else if (answer.status !== 200 && answer.status !== 409) failures.push(`round ${round}: unexpected ${answer.status}`);
    }
    const after = await trpcQuery<Address[]>(request, "address.list");
    const defaults = after.filter((a) => a.isDefault).map((a) => a.id);
    if (defaults.length !== 1) failures.push(`round ${round}: ${defaults.length} defaults`);
    else if (!answers.some((a) => a.status === 200 && a.id === defaults[0])) failures.push(`round ${round}: the default is an address whose call did not succeed`);
  }
  const summary = `${ROUNDS} rounds × ${CONCURRENT} calls, answers by status ${JSON.stringify(Object.fromEntries(statuses))}`;
  test.info().annotations.push({ type: "rounds", description: summary });
  expect(failures, `${summary}\n${failures.join("\n")}`).toEqual([]);
});
