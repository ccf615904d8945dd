import type { Provider } from '@angular/core';
import { ActivatedRoute, convertToParamMap, type Data, type Params } from '@angular/router';
import { of } from 'rxjs';

/** An `ActivatedRoute` for a page under test: path params, query params and route data. */
export function activatedRoute(
  route: { params?: Params; queryParams?: Params; data?: Data } = {},
): Provider {
  const paramMap = convertToParamMap(route.params ?? {});
  const queryParamMap = convertToParamMap(route.queryParams ?? {});
  const data = route.data ?? {};
  return {
    provide: ActivatedRoute,
    useValue: {
      paramMap: of(paramMap),
      queryParamMap: of(queryParamMap),
      data: of(data),
      snapshot: { paramMap, queryParamMap, data },
    },
  };
}
