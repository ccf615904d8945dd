import { TestBed } from '@angular/core/testing';
import { ErrorAlert } from './error-alert';

describe('ErrorAlert', () => {
  it('announces the message as an alert and offers a retry when asked to', async () => {
    const fixture = TestBed.createComponent(ErrorAlert);
    fixture.componentRef.setInput('message', 'Cannot reach the server.');
    fixture.componentRef.setInput('retryLabel', 'Try again');
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Cannot reach the server.',
    );
    element.querySelector('button')!.click();
    expect(retried).toBe(1);
  });

  it('has no button without a retry label', async () => {
    const fixture = TestBed.createComponent(ErrorAlert);
    fixture.componentRef.setInput('message', 'Not allowed.');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('button')).toBeNull();
  });
});
