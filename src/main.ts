import { bootstrapApplication } from '@angular/platform-browser';
import { Amplify } from 'aws-amplify';
import { toAmplifyConfig } from '../amplify-config';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadRuntimeConfig, RUNTIME_CONFIG } from './app/core/runtime-config';

const runtimeConfig = await loadRuntimeConfig();
Amplify.configure(toAmplifyConfig(runtimeConfig));
bootstrapApplication(App, {
  ...appConfig,
  providers: [...appConfig.providers, { provide: RUNTIME_CONFIG, useValue: runtimeConfig }],
}).catch((error: unknown) => console.error(error));
