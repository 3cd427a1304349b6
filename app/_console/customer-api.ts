// The console's typed calls for known customers (schemas in lib/console-api/customer-routes).
import type { BodyOf } from "../../lib/console-api/api-contract";
import { changeSiteIdentityRoute, customerStatusRoute, siteIdentityRoute, visitorConversationsRoute } from "../../lib/console-api/customer-routes";
import { callApi } from "./api-client";

export const customerQueryKeys = {
  status: (visitorUserId: string) => ["agent", "customer", visitorUserId],
  siteIdentity: (siteId: string) => ["operator", "sites", siteId, "identity"],
} as const;

export const fetchCustomerStatus = (visitor: string) => callApi(customerStatusRoute, { query: { visitor } });
export const fetchSiteIdentity = (site: string) => callApi(siteIdentityRoute, { query: { site } });
export const changeSiteIdentity = (body: BodyOf<typeof changeSiteIdentityRoute>) => callApi(changeSiteIdentityRoute, { body });

export const visitorConversationsKey = (visitor: string, except: string) => ["agent", "visitor-conversations", visitor, except] as const;
export const fetchVisitorConversations = (visitor: string, except: string) => callApi(visitorConversationsRoute, { query: { visitor, except } });
