/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module "autocannon" {
  type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Request[];
    renderProgressBar?: boolean;
    renderResultsTable?: boolean;
  };
  type Result = { duration: number; requests: { total: number }; errors: number; non2xx: number };
  type Instance = Promise<Result> & {
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
    /** Ends the run early (the promise then resolves with what was done). */
    stop(): void;
  };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
