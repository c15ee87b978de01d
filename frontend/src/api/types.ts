// JSON shapes of the REST API (the server's openapi.json is the reference).

export type Role = 'viewer' | 'admin';

export interface Me {
  user: string;
  role: Role;
  anonymous?: boolean;
}

/** A camera as the API answers it: never a password (has_password says whether one is set). */
export interface Camera {
  id: string;
  name: string;
  protocol: string;
  url?: string;
  brand?: string;
  host?: string;
  port?: number;
  path?: string;
  channel?: string;
  stream?: string;
  username?: string;
  has_password?: boolean;
  transport?: string;
  enabled?: boolean;
  options?: Record<string, string>;
  state?: string | null;
  last_error?: string | null;
}

/** A camera as sent: password is write-only (absent = unchanged on PUT, "" = cleared). */
export interface CameraBody {
  id?: string;
  name?: string;
  protocol?: string;
  url?: string | null;
  brand?: string | null;
  host?: string | null;
  port?: number | null;
  path?: string | null;
  channel?: string | null;
  stream?: string | null;
  username?: string | null;
  password?: string;
  transport?: string | null;
  enabled?: boolean;
  options?: Record<string, string | null> | null;
}

export interface TestResult {
  ok: boolean;
  camera_id: string;
  elapsed_ms: number;
  codec: string | null;
  detail: string | null;
}

export interface ProtocolInfo {
  protocol: string;
  bundle: string;
  version: string;
  capabilities: string[];
  ranking: number;
  active: boolean;
}

export interface Protocols {
  protocols: ProtocolInfo[];
  discovery: { bundle: string; version: string }[];
}

export interface DiscoveredCamera {
  protocol: string;
  address: string;
  name: string | null;
  brand: string | null;
  hardware: string | null;
  location: string | null;
  endpoint: string | null;
  addresses: string[];
}

export interface DiscoveryResult {
  cameras: DiscoveredCamera[];
  providers: number;
  errors: string[];
}
