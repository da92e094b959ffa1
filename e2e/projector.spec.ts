import { appUrl, expect, test } from './fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

test('projector mode at 1920×1080 shows the summary and moves with the arrow keys; Esc returns to the dashboard', async ({ dashboard, page }) => {
  await dashboard.open('?year=2020');
  await page.getByRole('link', { name: '放映模式' }).click();
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('目标完成概况');
  await expect(page).toHaveURL(/\/present\?.*year=2020/);
  await expect(page.getByText('汝州市 · 截至2020年 · 共 12 项目标')).toBeVisible();
  await expect(page.getByRole('main').getByText('模拟演示数据', { exact: true })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '未达成' })).toContainText('3');
  await expect(page.getByRole('navigation')).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('学前教育');
  await expect(page).toHaveURL(/screen=preschool/);
  await expect(page.getByRole('rowheader').first()).toHaveText('公办园在园幼儿占比');
  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('普通高中');
  await page.keyboard.press('ArrowLeft');
  await expect(title).toHaveText('学前教育');
  await page.keyboard.press('End');
  await expect(title).toHaveText('职业教育');
  await page.keyboard.press('Home');
  await expect(title).toHaveText('目标完成概况');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 2, name: '目标完成概况' })).toBeVisible();
  await expect(page).toHaveURL(/^[^?]*\/\?(?!.*screen=).*year=2020/);
});

test('every screen fits 1920×1080 with text of at least 32 px at a contrast of at least 7:1', async ({ page }) => {
  for (const screen of ['', 'preschool', 'high_school', 'teachers']) {
    for (const lang of ['', '&lang=en']) {
      await page.goto(appUrl('/present', `?year=2020${screen ? `&screen=${screen}` : ''}${lang}`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const report = await page.evaluate(() => {
        const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) =>
          [r!, g!, b!].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
        const background = (el: Element | null): number[] => {
          for (let e = el; e; e = e.parentElement) {
            const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
            if (a > 0) return [r!, g!, b!];
          }
          return [255, 255, 255];
        };
        const problems: string[] = [];
        const root = document.querySelector('.projector')!;
        for (const el of root.querySelectorAll('*')) {
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
          if (!own || el.closest('.visually-hidden') || (el as HTMLElement).offsetParent === null) continue;
          const style = getComputedStyle(el);
          const size = parseFloat(style.fontSize);
          const [l1, l2] = [luminance(rgb(style.color)), luminance(background(el))].sort((a, b) => b - a);
          const ratio = (l1! + 0.05) / (l2! + 0.05);
          if (size < 31.5) problems.push(`${el.textContent} is ${size}px`);
          if (ratio < 7) problems.push(`${el.textContent} has contrast ${ratio.toFixed(2)}`);
        }
        const body = document.querySelector('.projector__body')!;
        if (body.scrollHeight > body.clientHeight + 1) problems.push('the screen overflows');
        return problems;
      });
      expect(report, `${screen || 'summary'}${lang}`).toEqual([]);
    }
  }
});
