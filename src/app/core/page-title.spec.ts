import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { PageTitleStrategy } from './page-title';

@Component({ selector: 'app-page', template: '' })
class Page {}

describe('PageTitleStrategy', () => {
  it('names the page, then the app', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'profile', title: 'Profile', component: Page },
          { path: '', title: 'Notes', component: Page },
        ]),
        { provide: TitleStrategy, useClass: PageTitleStrategy },
      ],
    });
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/profile');
    expect(TestBed.inject(Title).getTitle()).toBe('Profile · Notes');
    await router.navigateByUrl('/');
    expect(TestBed.inject(Title).getTitle()).toBe('Notes');
  });
});
